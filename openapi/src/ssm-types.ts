/**
 * @quayside/openapi/ssm-types: the types of the SSM Parameter Store spec (ssm.openapi.json) and nothing else
 * (no code runs on import), laid out as `@quayside/openapi/types` is for ECS: every component
 * schema under its model name, openapi-typescript's `components`, and per operation its request,
 * response and modeled errors. Generated into ./generated/ssm/ by `npm run generate`.
 */
export type * from './generated/ssm/shapes.js'
export type * from './generated/ssm/operations.js'
export type { components } from './generated/ssm/schema.js'
