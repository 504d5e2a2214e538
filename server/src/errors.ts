/**
 * The server's error catalogue. Every error that reaches the wire is a {@link ServiceError}: an ECS
 * exception shape name, the HTTP status awsJson 1.1 gives it (400 for client errors, 500 for
 * `ServerException`, 403 for a request with no credentials at all) and a message. Internal faults
 * that never reach a client (a refused database, a bad flag) are {@link EcsServerError}s.
 *
 * The modeled list below must equal the spec's error components (checked by test/errors.ts).
 */

/** Exceptions the ECS model declares, with the status awsJson 1.1 gives each. */
export const MODELED_ERRORS = {
  AccessDeniedException: 400,
  AttributeLimitExceededException: 400,
  BlockedException: 400,
  ClientException: 400,
  ClusterContainsCapacityProviderException: 400,
  ClusterContainsContainerInstancesException: 400,
  ClusterContainsServicesException: 400,
  ClusterContainsTasksException: 400,
  ClusterNotFoundException: 400,
  ConflictException: 400,
  DaemonNotActiveException: 400,
  DaemonNotFoundException: 400,
  InvalidParameterException: 400,
  LimitExceededException: 400,
  MissingVersionException: 400,
  NamespaceNotFoundException: 400,
  NoUpdateAvailableException: 400,
  PlatformTaskDefinitionIncompatibilityException: 400,
  PlatformUnknownException: 400,
  ResourceInUseException: 400,
  ResourceNotFoundException: 400,
  ServerException: 500,
  ServiceDeploymentNotFoundException: 400,
  ServiceNotActiveException: 400,
  ServiceNotFoundException: 400,
  TargetNotConnectedException: 400,
  TargetNotFoundException: 400,
  TaskSetNotFoundException: 400,
  UnsupportedFeatureException: 400,
  UpdateInProgressException: 400,
} as const

/**
 * Errors every AWS JSON service returns from its front door although no model declares them:
 * authentication, unknown targets and undecodable bodies. SDKs map them to generic service errors.
 */
export const PROTOCOL_ERRORS = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  UnrecognizedClientException: 400,
  InvalidSignatureException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  ValidationException: 400,
  ThrottlingException: 400,
} as const

export type ModeledErrorName = keyof typeof MODELED_ERRORS
export type ProtocolErrorName = keyof typeof PROTOCOL_ERRORS
export type ErrorShapeName = ModeledErrorName | ProtocolErrorName

const statusOf = (name: ErrorShapeName): number =>
  name in MODELED_ERRORS
    ? MODELED_ERRORS[name as ModeledErrorName]
    : PROTOCOL_ERRORS[name as ProtocolErrorName]

const brand = Symbol.for('quayside.server.ServiceError')

/**
 * An error answered to the client as `{"__type": shapeName, "message": message}` with
 * `httpStatus`. Thrown by operations and the HTTP front door; anything else thrown while serving a
 * request becomes a `ServerException` (500) without its details.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError'
  readonly shapeName: ErrorShapeName
  readonly httpStatus: number
  /** Extra members of the shape besides `message` (ConflictException's `resourceIds`). */
  readonly extra: Readonly<Record<string, unknown>>

  constructor(
    shapeName: ErrorShapeName,
    message: string,
    extra: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.shapeName = shapeName
    this.httpStatus = statusOf(shapeName)
    this.extra = extra
  }

  get [brand](): true {
    return true
  }

  /** The awsJson 1.1 error body. */
  toJSON(): Record<string, unknown> {
    return { __type: this.shapeName, message: this.message, ...this.extra }
  }
}

/** Cross-realm check for {@link ServiceError} (a duplicate copy of the package still matches). */
export function isServiceError(value: unknown): value is ServiceError {
  return typeof value === 'object' && value !== null && brand in value
}

/** Codes of faults inside the server that are not answered to a client. */
export type EcsServerErrorCode =
  'ECS_SRV_STORE_TOO_NEW' | 'ECS_SRV_STORE_URL' | 'ECS_SRV_CONFIG' | 'ECS_SRV_SPEC'

/** A fault of the server itself (configuration, database), with a stable `code`. */
export class EcsServerError extends Error {
  override readonly name = 'EcsServerError'
  readonly code: EcsServerErrorCode
  constructor(code: EcsServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

// One factory per exception the server raises, so messages stay consistent.
export const errors = {
  clusterNotFound: () => new ServiceError('ClusterNotFoundException', 'Cluster not found.'),
  invalidParameter: (message: string) => new ServiceError('InvalidParameterException', message),
  client: (message: string) => new ServiceError('ClientException', message),
  server: (message = 'Internal server error.') => new ServiceError('ServerException', message),
  unsupported: (operation: string) =>
    new ServiceError(
      'UnsupportedFeatureException',
      `${operation} is not supported by this quayside server yet.`,
    ),
  clusterContainsInstances: () =>
    new ServiceError(
      'ClusterContainsContainerInstancesException',
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    ),
  clusterContainsServices: () =>
    new ServiceError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    ),
  clusterContainsTasks: () =>
    new ServiceError(
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    ),
  serviceNotFound: () => new ServiceError('ServiceNotFoundException', 'Service not found.'),
  serviceNotActive: () => new ServiceError('ServiceNotActiveException', 'Service was not ACTIVE.'),
  targetNotFound: (message: string) => new ServiceError('TargetNotFoundException', message),
  attributeLimit: (message: string) => new ServiceError('AttributeLimitExceededException', message),
  resourceNotFound: (message: string) => new ServiceError('ResourceNotFoundException', message),
  limitExceeded: (message: string) => new ServiceError('LimitExceededException', message),
  missingToken: () =>
    new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token'),
  incompleteSignature: (message: string) =>
    new ServiceError('IncompleteSignatureException', message),
  unrecognizedClient: () =>
    new ServiceError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ),
  invalidSignature: (message: string) => new ServiceError('InvalidSignatureException', message),
  unknownOperation: (message: string) => new ServiceError('UnknownOperationException', message),
  serialization: (message: string) => new ServiceError('SerializationException', message),
  validation: (message: string) => new ServiceError('ValidationException', message),
  /** RunTask's clientToken repeated with other parameters; `resourceIds`: the original tasks. */
  tokenInUse: (resourceIds: readonly string[]) =>
    new ServiceError(
      'ConflictException',
      'The provided clientToken is already in use with a different RunTask request.',
      { resourceIds },
    ),
  /** A refused call, in IAM's message form; `explicit` when a Deny statement matched. */
  accessDenied: (principalArn: string, action: string, resource: string, explicit: boolean) =>
    new ServiceError(
      'AccessDeniedException',
      `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ` +
        (explicit
          ? 'with an explicit deny in an identity-based policy'
          : `because no identity-based policy allows the ${action} action`),
    ),
  throttling: () => new ServiceError('ThrottlingException', 'Rate exceeded'),
} as const
