/**
 * @quayside/openapi: the OpenAPI 3.1 description of the Amazon ECS API (2014-11-13) that the
 * server's validation, the SDK's types and the Terraform provider's schema are generated from.
 *
 * The document itself is openapi/generated/ecs.openapi.json (also exported as the subpath
 * "@quayside/openapi/ecs.openapi.json"); it is produced by `npm run generate` from the pinned
 * botocore model in openapi/model/ and must never be edited by hand.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { API_BY_ID, type ApiId } from './apis.js'

export { APIS, API_BY_ID } from './apis.js'
export type { ApiDefinition, ApiId } from './apis.js'

/**
 * Absolute path of ecs.openapi.json. Resolved from this module, so it is right both from src/
 * (tests, tsx) and from dist/ (the built package): each sits one level below openapi/.
 */
export const specPath: string = fileURLToPath(
  new URL('../generated/ecs.openapi.json', import.meta.url),
)

/** A JSON Schema object as the spec writes it (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
export interface SchemaObject {
  readonly $ref?: string
  readonly type?: string
  readonly description?: string
  readonly properties?: Readonly<Record<string, SchemaObject>>
  readonly required?: readonly string[]
  readonly items?: SchemaObject
  readonly additionalProperties?: SchemaObject
  readonly enum?: readonly string[]
  readonly [keyword: string]: unknown
}

/** One `POST /<Operation>` of the spec, with the AWS extensions it carries. */
export interface OperationObject {
  readonly operationId: string
  readonly summary: string
  readonly description?: string
  readonly 'x-amz-target': string
  readonly 'x-paginator'?: {
    readonly input_token: string
    readonly output_token: string
    readonly limit_key: string
    readonly result_key: string
  }
  readonly requestBody: {
    readonly content: Readonly<Record<string, { readonly schema: SchemaObject }>>
  }
  readonly responses: Readonly<Record<string, unknown>>
  readonly [key: string]: unknown
}

/**
 * The parsed spec, typed loosely: the members every consumer reads are named, everything else
 * (including the root `x-amz-service` and `x-waiters`) is reachable by index.
 */
export interface OpenApiDocument {
  readonly openapi: string
  readonly info: {
    readonly title: string
    readonly version: string
    readonly [key: string]: unknown
  }
  readonly paths: Readonly<Record<string, { readonly post: OperationObject }>>
  readonly components: {
    readonly schemas: Readonly<Record<string, SchemaObject>>
    readonly securitySchemes: Readonly<Record<string, unknown>>
  }
  readonly [key: string]: unknown
}

/** Reads and parses the spec. Each call returns a fresh object, so callers may mutate it. */
export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDocument
}

/** Absolute path of an API's spec (`ecs.openapi.json`, `ssm.openapi.json`, ...). */
export function apiSpecPath(id: ApiId): string {
  return fileURLToPath(new URL(`../generated/${API_BY_ID[id].specFile}`, import.meta.url))
}

/** Reads and parses an API's spec; like {@link loadSpec}, a fresh object each call. */
export function loadApiSpec(id: ApiId): OpenApiDocument {
  return JSON.parse(readFileSync(apiSpecPath(id), 'utf8')) as OpenApiDocument
}

/**
 * The names of the 77 ECS operations, sorted by code unit: the single key that joins spec, server
 * handler, test and SDK method. Read from the spec's `operationId`s when this module loads.
 */
export const operationNames: readonly string[] = Object.freeze(
  Object.values(loadSpec().paths)
    .map(item => item.post.operationId)
    // the default order compares UTF-16 code units, as the server and SDK generators do
    .sort(),
)
