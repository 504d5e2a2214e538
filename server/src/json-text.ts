/**
 * JSON already serialised. The store's `put` and the HTTP answer take it as it is, so that a
 * document built from parts serialised once (a new task: stored, answered and sent to its agent)
 * is not serialised again. Only whole bodies: inside another value it would not be recognised.
 */
export class JsonText {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

const known = new WeakMap<object, string>()

/**
 * `value` itself, noted as serialised already: `text` is its JSON, and {@link toJson} answers
 * `text` for it. This keeps a typed answer (RunTask's) whose parts were serialised once; `value`
 * must not change afterwards.
 */
export function serialised<T extends object>(value: T, text: string): T {
  known.set(value, text)
  return value
}

/**
 * `body` as JSON: its text when it is {@link JsonText} or was noted by {@link serialised}, else
 * JSON.stringify's.
 */
export function toJson(body: unknown): string {
  if (body instanceof JsonText) return body.text
  const text = typeof body === 'object' && body !== null ? known.get(body) : undefined
  return text ?? JSON.stringify(body)
}
