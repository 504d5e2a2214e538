/**
 * The outcome of a task-definition check (normalize.ts and the rule files it runs): the value, or
 * the ECS exception type and message the operation should answer with. Never thrown.
 */
export type TaskDefinitionCheck<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'ClientException' | 'InvalidParameterException'; message: string }

/** Shorthand for a ClientException result. */
export function clientError(message: string): {
  ok: false
  error: 'ClientException'
  message: string
} {
  return { ok: false, error: 'ClientException', message }
}

/** Shorthand for an InvalidParameterException result. */
export function invalidParameter(message: string): {
  ok: false
  error: 'InvalidParameterException'
  message: string
} {
  return { ok: false, error: 'InvalidParameterException', message }
}
