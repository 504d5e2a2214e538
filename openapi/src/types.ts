/**
 * @quayside/openapi/types: the spec's types and nothing else (no code runs on import). Every
 * component schema under its model name (`Cluster`, `Task`, `RunTaskRequest`, ...),
 * openapi-typescript's `components`, and per operation its request, response and modeled errors
 * (`OperationMap`, `OperationName`, `OperationHandlers<Context>`). Generated into ./generated/ by
 * `npm run generate`; the SDK, the server, the agent and the provider all import these.
 */
export type * from './generated/shapes.js'
export type * from './generated/operations.js'
export type { components } from './generated/schema.js'
