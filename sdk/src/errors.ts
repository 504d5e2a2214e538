/**
 * The SDK's one error catalogue. Every error the client throws is an {@link EcsSdkError}: a literal
 * `name`, a stable `code` (`ECS_SDK_*`), the underlying `cause` where there is one, and a
 * `Symbol.for` brand so that {@link isEcsSdkError} works across duplicate copies of the package.
 *
 * - {@link EcsServiceError}: the service answered with an error (any non-2xx). Its `name` is the
 *   wire error name (`ClusterNotFoundException`, ...), narrowed per operation by
 *   {@link isEcsServiceError}.
 * - {@link NetworkError}, {@link TimeoutError}, {@link AbortError}: the call did not complete.
 * - {@link CredentialsError}, {@link ConfigError}: the client could not be set up for the call.
 * - {@link ProtocolError}: a 2xx response whose body is not the JSON object the protocol promises.
 * - {@link PaginationError}, {@link WaiterTimeoutError}, {@link WaiterFailureError}: the helpers.
 */
import type { OperationErrorName, OperationName } from '@quayside/openapi/types'

const BRAND = Symbol.for('@quayside/sdk.EcsSdkError')

/** Stable machine-readable codes, one per error class. */
export type EcsSdkErrorCode =
  | 'ECS_SDK_SERVICE'
  | 'ECS_SDK_NETWORK'
  | 'ECS_SDK_TIMEOUT'
  | 'ECS_SDK_ABORTED'
  | 'ECS_SDK_CREDENTIALS'
  | 'ECS_SDK_CONFIG'
  | 'ECS_SDK_PROTOCOL'
  | 'ECS_SDK_PAGINATION'
  | 'ECS_SDK_WAITER_TIMEOUT'
  | 'ECS_SDK_WAITER_FAILURE'

/** Base of every error the SDK throws. Not thrown itself. */
export class EcsSdkError extends Error {
  override readonly name: string = 'EcsSdkError'
  /** Stable code identifying the error class, safe to switch on. */
  readonly code: EcsSdkErrorCode

  constructor(code: EcsSdkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  /** Brand read by {@link isEcsSdkError}; `instanceof` fails across package copies, this does not. */
  get [BRAND](): true {
    return true
  }
}

/** True for any error thrown by any copy of this SDK. */
export function isEcsSdkError(value: unknown): value is EcsSdkError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  )
}

/**
 * Errors that any operation can return although the model does not list them: protocol, auth and
 * throttling errors from the service front end, and `UnknownError` when a non-2xx response carries
 * no error name at all (a proxy's HTML page, say).
 */
export type CommonErrorName =
  | 'ThrottlingException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'IncompleteSignatureException'
  | 'MissingAuthenticationTokenException'
  | 'AccessDeniedException'
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownError'

/** The raw HTTP answer behind an {@link EcsServiceError}, for debugging. */
export interface ErrorResponse {
  readonly statusCode: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What {@link EcsServiceError}'s constructor needs; produced by the client's error parser. */
export interface ServiceErrorDetails<N extends string> {
  readonly name: N
  readonly message: string
  readonly operation: string
  readonly statusCode: number
  readonly requestId: string | undefined
  /** Members of the error body besides `__type` and `message` (e.g. `resourceIds`). */
  readonly data: Readonly<Record<string, unknown>>
  readonly response: ErrorResponse
}

/**
 * The service answered a call with an error. `name` is the error shape's name with any
 * `namespace#` prefix and `:url` suffix removed; use {@link isEcsServiceError} with the operation
 * name to narrow it to the errors that operation is modeled to return.
 */
export class EcsServiceError<N extends string = string> extends EcsSdkError {
  override readonly name: N
  /** The operation that failed, as the spec names it (`CreateCluster`). */
  readonly operation: string
  readonly statusCode: number
  /** `x-amzn-RequestId` of the response, when the service sent one. */
  readonly requestId: string | undefined
  /** `server` for 5xx (the call may succeed if repeated), `client` otherwise. */
  readonly fault: 'client' | 'server'
  /** Extra members of the error body, e.g. ConflictException's `resourceIds`. */
  readonly data: Readonly<Record<string, unknown>>
  readonly $response: ErrorResponse

  constructor(details: ServiceErrorDetails<N>) {
    super('ECS_SDK_SERVICE', details.message)
    this.name = details.name
    this.operation = details.operation
    this.statusCode = details.statusCode
    this.requestId = details.requestId
    this.fault = details.statusCode >= 500 ? 'server' : 'client'
    this.data = details.data
    this.$response = details.response
  }
}

/**
 * True when `value` is a service error; with `operation`, true only for that operation's errors,
 * and `name` is then narrowed to its modeled errors plus {@link CommonErrorName}.
 */
export function isEcsServiceError<Op extends OperationName>(
  value: unknown,
  operation?: Op,
): value is EcsServiceError<OperationErrorName<Op> | CommonErrorName> {
  return (
    isEcsSdkError(value) &&
    value.code === 'ECS_SDK_SERVICE' &&
    (operation === undefined || (value as { operation?: unknown }).operation === operation)
  )
}

/** The request could not be sent or its response not read (refused, reset, DNS, TLS). */
export class NetworkError extends EcsSdkError {
  override readonly name = 'NetworkError' as const
  constructor(message: string, options: { cause: unknown }) {
    super('ECS_SDK_NETWORK', message, options)
  }
}

/** The call's timeout passed before the response arrived. */
export class TimeoutError extends EcsSdkError {
  override readonly name = 'TimeoutError' as const
  readonly timeoutMs: number
  constructor(timeoutMs: number) {
    super('ECS_SDK_TIMEOUT', `request timed out after ${timeoutMs} ms`)
    this.timeoutMs = timeoutMs
  }
}

/** The caller's `AbortSignal` fired; `cause` is the signal's reason. */
export class AbortError extends EcsSdkError {
  override readonly name = 'AbortError' as const
  constructor(options: { cause: unknown }) {
    super('ECS_SDK_ABORTED', 'the operation was aborted', options)
  }
}

/** No credentials could be found, or a credentials source is malformed. */
export class CredentialsError extends EcsSdkError {
  override readonly name = 'CredentialsError' as const
  constructor(message: string, options?: { cause?: unknown }) {
    super('ECS_SDK_CREDENTIALS', message, options)
  }
}

/** The client is misconfigured (no region, a bad endpoint URL, a bad option value). */
export class ConfigError extends EcsSdkError {
  override readonly name = 'ConfigError' as const
  constructor(message: string, options?: { cause?: unknown }) {
    super('ECS_SDK_CONFIG', message, options)
  }
}

/** A 2xx response whose body is not a JSON object. */
export class ProtocolError extends EcsSdkError {
  override readonly name = 'ProtocolError' as const
  readonly statusCode: number
  constructor(message: string, statusCode: number, options?: { cause?: unknown }) {
    super('ECS_SDK_PROTOCOL', message, options)
    this.statusCode = statusCode
  }
}

/** The service returned the same page token twice; iterating on would never end. */
export class PaginationError extends EcsSdkError {
  override readonly name = 'PaginationError' as const
  readonly operation: string
  constructor(operation: string, token: string) {
    super('ECS_SDK_PAGINATION', `${operation} returned the same next token twice: ${token}`)
    this.operation = operation
  }
}

/** What a waiter saw last: the output of its last call, or the error that call threw. */
export interface WaiterState {
  readonly waiter: string
  readonly attempts: number
  readonly elapsedMs: number
  readonly lastOutput?: unknown
  readonly lastError?: unknown
}

/** A waiter used up its `maxWaitSeconds` without reaching success or failure. */
export class WaiterTimeoutError extends EcsSdkError {
  override readonly name = 'WaiterTimeoutError' as const
  readonly state: WaiterState
  constructor(state: WaiterState) {
    super(
      'ECS_SDK_WAITER_TIMEOUT',
      `waiter ${state.waiter} gave up after ${state.attempts} attempts in ${state.elapsedMs} ms`,
      { cause: state.lastError },
    )
    this.state = state
  }
}

/** The acceptor of a waiter that matched and declared failure, as the spec spells it. */
export interface FailedAcceptor {
  readonly matcher: string
  readonly state: string
  readonly expected: unknown
  readonly argument?: string
}

/** A waiter reached a failure acceptor (e.g. a task STOPPED while waiting for RUNNING). */
export class WaiterFailureError extends EcsSdkError {
  override readonly name = 'WaiterFailureError' as const
  readonly state: WaiterState
  readonly acceptor: FailedAcceptor
  constructor(state: WaiterState, acceptor: FailedAcceptor) {
    const what = acceptor.argument === undefined ? acceptor.matcher : acceptor.argument
    super(
      'ECS_SDK_WAITER_FAILURE',
      `waiter ${state.waiter} failed: ${what} matched ${JSON.stringify(acceptor.expected)}`,
      { cause: state.lastError },
    )
    this.state = state
    this.acceptor = acceptor
  }
}
