/**
 * @quayside/openapi/logs-types: the types of the CloudWatch Logs spec (logs.openapi.json) and nothing else
 * (no code runs on import), laid out as `@quayside/openapi/types` is for ECS: every component
 * schema under its model name, openapi-typescript's `components`, and per operation its request,
 * response and modeled errors. Generated into ./generated/logs/ by `npm run generate`.
 */
export type * from './generated/logs/shapes.js'
export type * from './generated/logs/operations.js'
export type { components } from './generated/logs/schema.js'
