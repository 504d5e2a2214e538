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

/** `body` as JSON: its text when it is {@link JsonText}, else JSON.stringify's. */
export const toJson = (body: unknown): string =>
  body instanceof JsonText ? body.text : JSON.stringify(body)
