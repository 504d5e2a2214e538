/**
 * The error catalogue of @quayside/provider. Code in this package throws only these; the RPC
 * handlers turn them into Terraform diagnostics (never into gRPC errors), so a bad value, a missing
 * resource or a failing backend reaches the user as a message that names the attribute at fault.
 */

const BRAND = Symbol.for('quayside.provider.error')

/** Stable codes, one per kind of failure. */
export type ProviderErrorCode =
  | 'QS_PROVIDER_BAD_VALUE'
  | 'QS_PROVIDER_BAD_SPEC'
  | 'QS_PROVIDER_BAD_OVERLAY'
  | 'QS_PROVIDER_UNKNOWN_TYPE'
  | 'QS_PROVIDER_NOT_CONFIGURED'
  | 'QS_PROVIDER_BACKEND'
  | 'QS_PROVIDER_BAD_IMPORT_ID'
  | 'QS_PROVIDER_BAD_HANDSHAKE'
  | 'QS_PROVIDER_WAIT'

/** Base (and only) error class of the package; `code` says what went wrong. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError' as const
  readonly code: ProviderErrorCode
  /** Attribute path (names and element keys) the error is about, when there is one. */
  readonly path: readonly (string | number)[]

  constructor(
    code: ProviderErrorCode,
    message: string,
    path: readonly (string | number)[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.code = code
    this.path = path
  }

  /** Brand that survives duplicate copies of the package (checked by {@link isProviderError}). */
  get [BRAND](): true {
    return true
  }
}

/** True for any {@link ProviderError}, even one built by another copy of this package. */
export function isProviderError(value: unknown): value is ProviderError {
  return typeof value === 'object' && value !== null && BRAND in value
}

/** A value does not fit the type its schema declares (wire decoding, JSON, conversions). */
export function badValue(path: readonly (string | number)[], problem: string): ProviderError {
  return new ProviderError('QS_PROVIDER_BAD_VALUE', problem, path)
}

/** The OpenAPI document lacks a shape or member the overlay relies on. */
export function badSpec(problem: string): ProviderError {
  return new ProviderError('QS_PROVIDER_BAD_SPEC', `openapi/generated/ecs.openapi.json: ${problem}`)
}

/** overlays/resources.json is malformed or contradicts the spec. */
export function badOverlay(problem: string): ProviderError {
  return new ProviderError('QS_PROVIDER_BAD_OVERLAY', `overlays/resources.json: ${problem}`)
}

/** Terraform named a resource or data source type this provider does not have. */
export function unknownType(kind: 'resource' | 'data source', typeName: string): ProviderError {
  return new ProviderError('QS_PROVIDER_UNKNOWN_TYPE', `unknown ${kind} type "${typeName}"`)
}

/** A resource operation arrived before ConfigureProvider succeeded. */
export function notConfigured(): ProviderError {
  return new ProviderError(
    'QS_PROVIDER_NOT_CONFIGURED',
    'the provider is not configured: ConfigureProvider has not succeeded yet',
  )
}

/**
 * The backend refused or failed an operation. `ecsName` is the ECS exception shape name
 * (`ClusterNotFoundException`, `InvalidParameterException`, ...), kept so diagnostics read like ECS.
 */
export class BackendError extends ProviderError {
  readonly ecsName: string

  constructor(ecsName: string, message: string, options?: ErrorOptions) {
    super('QS_PROVIDER_BACKEND', `${ecsName}: ${message}`, [], options)
    this.ecsName = ecsName
  }
}

/** Builds a {@link BackendError} with an ECS exception name. */
export function backendError(ecsName: string, message: string): BackendError {
  return new BackendError(ecsName, message)
}

/** `terraform import` gave an ID this resource cannot resolve. */
export function badImportId(typeName: string, id: string, expected: string): ProviderError {
  return new ProviderError(
    'QS_PROVIDER_BAD_IMPORT_ID',
    `cannot import ${typeName} from "${id}": expected ${expected}`,
  )
}

/** The process was started without Terraform's handshake environment. */
export function badHandshake(problem: string): ProviderError {
  return new ProviderError('QS_PROVIDER_BAD_HANDSHAKE', problem)
}

/**
 * A wait apply does after the API call (a service's steady state, its drain on destroy) ended
 * without what it waited for: the object went away, or the timeout passed. The change itself was
 * made; the message says what was seen last.
 */
export function waitFailed(problem: string): ProviderError {
  return new ProviderError('QS_PROVIDER_WAIT', problem)
}
