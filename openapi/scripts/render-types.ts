/**
 * Pure rendering of the types-only entry `@quayside/openapi/types` (src/generated/*.ts): the spec's
 * text in, the files' text out. scripts/generate.ts writes them; test/scripts/render-types.ts
 * compares them with the committed files.
 *
 *   schema.ts      openapi-typescript's types for the whole spec (JSDoc from the descriptions)
 *   shapes.ts      one alias per component schema, under its model name: `Cluster`, `Task`, ...
 *   operations.ts  per operation its request, response and modeled errors (`OperationMap`), the
 *                  operation names, and `OperationHandlers<Context>`, one handler type each
 */
import { createHash } from 'node:crypto'
import openapiTS, { astToString } from 'openapi-typescript'
import type { OpenAPI3 } from 'openapi-typescript'

/** One operation as the renderers need it. */
export interface OperationTypes {
  readonly name: string
  readonly input: string
  readonly output: string
  /** The modeled errors (its 400 `oneOf` and its 500), sorted. */
  readonly errors: readonly string[]
}

/** What the renderers read from the spec, sorted by name. */
export interface TypesSummary {
  readonly operations: readonly OperationTypes[]
  readonly schemas: readonly { readonly name: string; readonly description: string }[]
}

interface Schema {
  readonly description?: string
  readonly $ref?: string
  readonly oneOf?: readonly Schema[]
}
type Json = Record<string, unknown>
type Content = Readonly<Record<string, { readonly schema: Schema } | undefined>>

const jsonType = 'application/x-amz-json-1.1'
// `#/components/schemas/<Name>` -> `<Name>`; no reference -> '' (slice(0) of '')
const refName = (ref = ''): string => ref.slice(ref.lastIndexOf('/') + 1)
const jsdocText = (text: string): string => text.replaceAll('*/', '*\\/')
// the default order compares UTF-16 code units, as every generator of the project sorts
const byName = <T extends { readonly name: string }>(a: T, b: T): number =>
  Number(a.name > b.name) - Number(a.name < b.name)

function responseSchema(post: Json, status: string): Schema | undefined {
  const responses = post['responses'] as Readonly<Record<string, { content?: Content } | undefined>>
  return responses[status]?.content?.[jsonType]?.schema
}

/** Extracts the operations and component schemas from the parsed spec. */
export function readTypes(document: object): TypesSummary {
  const doc = document as Json
  const schemas = (doc['components'] as { schemas: Readonly<Record<string, Schema>> }).schemas
  const paths = doc['paths'] as Readonly<Record<string, { post: Json }>>
  const operations = Object.values(paths).map(({ post }): OperationTypes => {
    const body = post['requestBody'] as { content: Content }
    const clientErrors = (responseSchema(post, '400')?.oneOf ?? []).map(s => refName(s.$ref))
    const serverError = refName(responseSchema(post, '500')?.$ref)
    return {
      name: post['operationId'] as string,
      input: refName(body.content[jsonType]?.schema.$ref),
      output: refName(responseSchema(post, '200')?.$ref),
      errors: [...clientErrors, ...(serverError ? [serverError] : [])].sort(),
    }
  })
  const shapes = Object.entries(schemas).map(([name, schema]) => ({
    name,
    description: schema.description ?? name,
  }))
  return { operations: operations.sort(byName), schemas: shapes.sort(byName) }
}

/** `shapes.ts`: `export type Cluster = components['schemas']['Cluster']` for every schema. */
export function renderShapes(summary: TypesSummary): string {
  const lines = [`import type { components } from './schema.js'`, '']
  for (const { name, description } of summary.schemas) {
    lines.push(`/** ${jsdocText(description)} */`)
    lines.push(`export type ${name} = components['schemas']['${name}']`)
  }
  return lines.join('\n') + '\n'
}

/** A body's type: its shape, or an empty object for an operation the model gives none. */
const bodyType = (shape: string): string =>
  shape === '' ? 'Record<string, never>' : `shape.${shape}`

/** `operations.ts`: the operation map, the name unions and the handler table's type. */
export function renderOperations(summary: TypesSummary): string {
  const out: string[] = [`import type * as shape from './shapes.js'`, '']
  out.push('/** Every operation of the API by its wire name: request, response, modeled errors. */')
  out.push('export interface OperationMap {')
  for (const op of summary.operations) {
    const errors = op.errors.map(e => `'${e}'`).join(' | ') || 'never'
    out.push(`  ${op.name}: {`)
    out.push(`    input: ${bodyType(op.input)}`)
    out.push(`    output: ${bodyType(op.output)}`)
    out.push(`    errors: ${errors}`)
    out.push('  }')
  }
  out.push('}', '')
  out.push('/** An operation name: `CreateCluster`, `ListTasks`, ... */')
  out.push('export type OperationName = keyof OperationMap')
  out.push(
    '/** The request body of an operation: `OperationRequest<"RunTask">` is `RunTaskRequest`. */',
  )
  out.push(`export type OperationRequest<Op extends OperationName> = OperationMap[Op]['input']`)
  out.push(
    '/** The response body of an operation: `OperationResponse<"RunTask">` is `RunTaskResponse`. */',
  )
  out.push(`export type OperationResponse<Op extends OperationName> = OperationMap[Op]['output']`)
  out.push('/** The errors an operation is modeled to return (its 400 and 500 responses). */')
  out.push(`export type OperationErrorName<Op extends OperationName> = OperationMap[Op]['errors']`)
  out.push('')
  out.push('/**')
  out.push(' * One handler per operation, each taking its request and resolving to its response;')
  out.push(' * `Context` is what the implementation passes besides the request.')
  out.push(' */')
  out.push('export interface OperationHandlers<Context> {')
  for (const op of summary.operations) {
    out.push(
      `  ${op.name}: (input: ${bodyType(op.input)}, context: Context) => Promise<${bodyType(op.output)}>`,
    )
  }
  out.push('}')
  return out.join('\n') + '\n'
}

/**
 * Every file of a types entry (name → content) for the spec's text, each opening with a banner
 * naming this generator, the spec's file under openapi/generated/ and its hash.
 */
export async function generateTypeFiles(
  specText: string,
  specFile = 'ecs.openapi.json',
): Promise<Record<string, string>> {
  const hash = createHash('sha256').update(specText).digest('hex').slice(0, 16)
  const banner =
    `// Generated by openapi/scripts/generate.ts from openapi/generated/${specFile} ` +
    `(sha256 ${hash}).\n// Do not edit: change the spec or the generator and run \`npm run generate\`.\n\n`
  const document = JSON.parse(specText) as OpenAPI3
  const summary = readTypes(document)
  const bodies: Record<string, string> = {
    'operations.ts': renderOperations(summary),
    'schema.ts': astToString(await openapiTS(document, { alphabetize: false })),
    'shapes.ts': renderShapes(summary),
  }
  return Object.fromEntries(Object.entries(bodies).map(([name, body]) => [name, banner + body]))
}
