/**
 * @quayside/sdk: a typed client for the Amazon ECS API (AWS JSON 1.1, SigV4), generated from the
 * quayside OpenAPI spec. Works against quayside and AWS alike.
 *
 * - {@link ECS}: the client; one method per operation, `paginate.*` and `waitFor.*`.
 * - Errors: {@link EcsSdkError} and its subclasses, {@link isEcsSdkError}, {@link isEcsServiceError}.
 * - Types: `<Operation>Input` / `<Operation>Output` for every operation, and every shape of the
 *   model under its model name (`Cluster`, `Task`, `ContainerDefinition`, ...).
 */
export { ECS, awsEndpoint } from './client.js'
export type { CallOptions, ClientOptions } from './options.js'
export type { ConfigSource, Credentials, CredentialsProvider } from './credentials.js'
// the credential chain on its own, for tools that sign more than API calls (the agent's channel)
export { processSource, resolveCredentials, resolveRegion } from './credentials.js'
export type { RetryOptions } from './retry.js'
export type {
  Transport,
  TransportOptions,
  HttpRequest,
  HttpResponse,
  SendOptions,
} from './transport.js'
export { createTransport } from './transport.js'
export type { Paginator, PaginatorSpec } from './paginate.js'
export type { WaiterOptions, WaiterSpec, Acceptor } from './waiters.js'
export {
  AbortError,
  ConfigError,
  CredentialsError,
  EcsSdkError,
  EcsServiceError,
  isEcsSdkError,
  isEcsServiceError,
  NetworkError,
  PaginationError,
  ProtocolError,
  TimeoutError,
  WaiterFailureError,
  WaiterTimeoutError,
} from './errors.js'
export type {
  CommonErrorName,
  EcsSdkErrorCode,
  ErrorResponse,
  FailedAcceptor,
  WaiterState,
} from './errors.js'
export { EcsOperations, operationNames } from './generated/operations.js'
export type * from './generated/operations.js'
export { EcsPaginators, EcsWaiters, PAGINATORS, WAITERS } from './generated/helpers.js'
// every shape under its model name, `components`, and the operation map: the spec's own types
export type * from '@quayside/openapi/types'
