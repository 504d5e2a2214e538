/**
 * @quayside/openapi/secretsmanager-types: the types of the Secrets Manager spec (secretsmanager.openapi.json) and nothing else
 * (no code runs on import), laid out as `@quayside/openapi/types` is for ECS: every component
 * schema under its model name, openapi-typescript's `components`, and per operation its request,
 * response and modeled errors. Generated into ./generated/secretsmanager/ by `npm run generate`.
 */
export type * from './generated/secretsmanager/shapes.js'
export type * from './generated/secretsmanager/operations.js'
export type { components } from './generated/secretsmanager/schema.js'
