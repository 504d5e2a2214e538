/**
 * @quayside/server: the quayside control plane, an Amazon ECS compatible API server.
 * `serverCommand` backs `quayside server`; `startServer` runs one in-process.
 */
export { serverCommand, SERVER_HELP } from './command.js'
export { startServer, type RunningServer, type ServerOptions } from './main.js'
export { operations, UNSUPPORTED_OPERATIONS } from './operations/index.js'
export { ServiceError, EcsServerError, isServiceError } from './errors.js'
export type { Store } from './store/index.js'
