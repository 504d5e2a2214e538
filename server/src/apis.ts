/**
 * The APIs this server answers on its one endpoint: ECS (./operations/index.ts) and the
 * neighbouring AWS APIs, each with its registry of handlers (./operations/<api>/index.ts, one file
 * per operation), its spec's input schemas and the error its schema failures answer. Routing
 * (./http/routing.ts) turns a request into an operation key, `RunTask` or `ssm:GetParameter`;
 * {@link allOperations} and {@link allValidators} are keyed the same way.
 */
import { loadApiSpec, loadSpec, type ApiId } from '@quayside/openapi'
import { logsErrors, secretsManagerErrors, ssmErrors, type ServiceError } from './errors.js'
import { operationKey } from './http/routing.js'
import type { OperationContext, OperationHandler } from './operations/context.js'
import { operations as ecsOperations } from './operations/index.js'
import { secretsManagerOperations } from './operations/secretsmanager/index.js'
import { ssmOperations } from './operations/ssm/index.js'
import { logsOperations } from './operations/logs/index.js'
import { createValidators, type InputValidator } from './validation/validator.js'

/** A typed handler as the registry holds it, its input type forgotten. */
type AnyHandler = (input: never, context: OperationContext) => Promise<object>

/** A registry typed by its spec (`OperationHandlers<OperationContext>`) as a plain table. */
function table<T extends { readonly [K in keyof T]: AnyHandler }>(
  handlers: T,
): Readonly<Record<string, AnyHandler>> {
  return handlers
}

/** Another API served beside ECS. */
export interface ServedApi {
  readonly id: Exclude<ApiId, 'ecs'>
  /** Operation name -> handler; typed by the API's spec where the registry is declared. */
  readonly handlers: Readonly<Record<string, AnyHandler>>
  /** The error a request breaking its spec's constraints answers (ValidationException, ...). */
  readonly invalid: (message: string) => ServiceError
}

/** Every API besides ECS; each of its operations is routed under `<id>:<Operation>`. */
export const SERVED_APIS: readonly ServedApi[] = [
  { id: 'ssm', handlers: table(ssmOperations), invalid: ssmErrors.validation },
  {
    id: 'secretsmanager',
    handlers: table(secretsManagerOperations),
    invalid: secretsManagerErrors.invalidParameter,
  },
  { id: 'logs', handlers: table(logsOperations), invalid: logsErrors.invalidParameter },
]

/** Every operation key -> handler: ECS's 77 and each served API's. */
export const allOperations: ReadonlyMap<string, OperationHandler> = new Map([
  ...ecsOperations,
  ...SERVED_APIS.flatMap(api =>
    Object.entries(api.handlers).map(([name, handler]): [string, OperationHandler] => [
      operationKey(api.id, name),
      // the pipeline calls a handler only with input its operation's schema accepted
      (input, context) => handler(input as never, context),
    ]),
  ),
])

/** Validators for every operation key, from each API's own spec. */
export function allValidators(): (operation: string) => InputValidator {
  const ecs = createValidators(loadSpec())
  const others = new Map(
    SERVED_APIS.map(api => [api.id as string, createValidators(loadApiSpec(api.id), api.invalid)]),
  )
  return operation => {
    const colon = operation.indexOf(':')
    const validators = colon < 0 ? ecs : others.get(operation.slice(0, colon))
    /* c8 ignore next */
    if (validators === undefined) throw new Error(`no validators for ${operation}`)
    return validators(operation.slice(colon + 1))
  }
}
