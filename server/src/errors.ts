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

/**
 * Exceptions the other APIs' specs declare (the served operations' errors and the fault), per
 * API; each must equal its spec's error components (checked by test/errors.ts).
 */
export const API_ERRORS = {
  ssm: {
    HierarchyLevelLimitExceededException: 400,
    HierarchyTypeMismatchException: 400,
    IncompatiblePolicyException: 400,
    InternalServerError: 500,
    InvalidAllowedPatternException: 400,
    InvalidFilterKey: 400,
    InvalidFilterOption: 400,
    InvalidFilterValue: 400,
    InvalidKeyId: 400,
    InvalidNextToken: 400,
    InvalidPolicyAttributeException: 400,
    InvalidPolicyTypeException: 400,
    ParameterAlreadyExists: 400,
    ParameterLimitExceeded: 400,
    ParameterMaxVersionLimitExceeded: 400,
    ParameterNotFound: 400,
    ParameterPatternMismatchException: 400,
    ParameterVersionNotFound: 400,
    PoliciesLimitExceededException: 400,
    TooManyUpdates: 400,
    UnsupportedParameterType: 400,
  },
  secretsmanager: {
    DecryptionFailure: 400,
    EncryptionFailure: 400,
    InternalServiceError: 500,
    InvalidNextTokenException: 400,
    InvalidParameterException: 400,
    InvalidRequestException: 400,
    LimitExceededException: 400,
    MalformedPolicyDocumentException: 400,
    PreconditionNotMetException: 400,
    ResourceExistsException: 400,
    ResourceNotFoundException: 400,
  },
  logs: {
    DataAlreadyAcceptedException: 400,
    InvalidParameterException: 400,
    InvalidSequenceTokenException: 400,
    LimitExceededException: 400,
    OperationAbortedException: 400,
    ResourceAlreadyExistsException: 400,
    ResourceNotFoundException: 400,
    ServiceUnavailableException: 500,
    UnrecognizedClientException: 400,
    ValidationException: 400,
  },
} as const

export type ModeledErrorName = keyof typeof MODELED_ERRORS
export type ProtocolErrorName = keyof typeof PROTOCOL_ERRORS
/** An error of another API's spec (SSM's ParameterNotFound, Secrets Manager's ...). */
export type ApiErrorName = {
  [Api in keyof typeof API_ERRORS]: keyof (typeof API_ERRORS)[Api]
}[keyof typeof API_ERRORS]
export type ErrorShapeName = ModeledErrorName | ProtocolErrorName | ApiErrorName

const API_STATUS: ReadonlyMap<string, number> = new Map(
  Object.values(API_ERRORS).flatMap(table => Object.entries(table)),
)

const statusOf = (name: ErrorShapeName): number =>
  name in MODELED_ERRORS
    ? MODELED_ERRORS[name as ModeledErrorName]
    : name in PROTOCOL_ERRORS
      ? PROTOCOL_ERRORS[name as ProtocolErrorName]
      : (API_STATUS.get(name) ?? 400)

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
  /** The member the message goes in: `message`, or `Message` where the API's shapes say so. */
  readonly messageKey: 'message' | 'Message'

  constructor(
    shapeName: ErrorShapeName,
    message: string,
    extra: Record<string, unknown> = {},
    options?: ErrorOptions,
    messageKey: 'message' | 'Message' = 'message',
  ) {
    super(message, options)
    this.shapeName = shapeName
    this.httpStatus = statusOf(shapeName)
    this.extra = extra
    this.messageKey = messageKey
  }

  get [brand](): true {
    return true
  }

  /** The awsJson 1.1 error body. */
  toJSON(): Record<string, unknown> {
    return { __type: this.shapeName, [this.messageKey]: this.message, ...this.extra }
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

/** Each other API's service fault, answered (HTTP 500) for anything unexpected. */
const API_FAULTS: Readonly<Record<string, ErrorShapeName>> = {
  ssm: 'InternalServerError',
  secretsmanager: 'InternalServiceError',
  logs: 'ServiceUnavailableException',
}

/** The 500 answer of an operation key's API (`ssm:GetParameter`); ECS's ServerException else. */
export function serverFault(operation: string | undefined): ServiceError {
  const api = operation?.slice(0, Math.max(0, operation.indexOf(':'))) ?? ''
  const name = API_FAULTS[api]
  if (name === undefined) return errors.server()
  return new ServiceError(
    name,
    'Internal server error.',
    {},
    undefined,
    api === 'secretsmanager' ? 'Message' : 'message',
  )
}

/** SSM Parameter Store's errors (its shapes carry `message`). */
export const ssmErrors = {
  validation: (message: string) => new ServiceError('ValidationException', message),
  parameterNotFound: (name?: string) =>
    new ServiceError(
      'ParameterNotFound',
      name === undefined ? 'Parameter not found.' : `Parameter ${name} not found.`,
    ),
  parameterVersionNotFound: (name: string, selector: string) =>
    new ServiceError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`,
    ),
  parameterAlreadyExists: () =>
    new ServiceError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    ),
  hierarchyTypeMismatch: (message: string) =>
    new ServiceError('HierarchyTypeMismatchException', message),
  hierarchyLevelLimit: () =>
    new ServiceError(
      'HierarchyLevelLimitExceededException',
      'A parameter name can have at most 15 levels of hierarchy.',
    ),
  patternMismatch: (message: string) =>
    new ServiceError('ParameterPatternMismatchException', message),
  allowedPattern: (message: string) => new ServiceError('InvalidAllowedPatternException', message),
  maxVersions: (name: string) =>
    new ServiceError(
      'ParameterMaxVersionLimitExceeded',
      `Parameter ${name} already has 100 versions, the most a parameter keeps.`,
    ),
  invalidNextToken: () => new ServiceError('InvalidNextToken', 'The specified token is not valid.'),
  invalidFilterKey: (message: string) => new ServiceError('InvalidFilterKey', message),
  invalidFilterValue: (message: string) => new ServiceError('InvalidFilterValue', message),
  invalidFilterOption: (message: string) => new ServiceError('InvalidFilterOption', message),
} as const

/** Secrets Manager's errors (its shapes carry `Message`, capitalised). */
const asm = (name: ErrorShapeName, message: string) =>
  new ServiceError(name, message, {}, undefined, 'Message')
export const secretsManagerErrors = {
  validation: (message: string) => asm('ValidationException', message),
  invalidParameter: (message: string) => asm('InvalidParameterException', message),
  invalidRequest: (message: string) => asm('InvalidRequestException', message),
  resourceNotFound: (message = "Secrets Manager can't find the specified secret.") =>
    asm('ResourceNotFoundException', message),
  resourceExists: (message: string) => asm('ResourceExistsException', message),
  invalidNextToken: () => asm('InvalidNextTokenException', 'The NextToken value is not valid.'),
} as const

/** CloudWatch Logs' errors (its shapes carry `message`). */
export const logsErrors = {
  invalidParameter: (message: string) => new ServiceError('InvalidParameterException', message),
  resourceNotFound: (message: string) => new ServiceError('ResourceNotFoundException', message),
  resourceAlreadyExists: (message: string) =>
    new ServiceError('ResourceAlreadyExistsException', message),
} as const
