/**
 * Assembles the whole OpenAPI 3.1 document from the pinned model, its paginators and waiters, and
 * our operation summaries. Output order is deterministic: paths and schemas sorted by name,
 * properties in model order. An API described in part (src/apis.ts `operations`) gets only those
 * operations and the shapes they reach.
 */
import { missingSummary, unknownShape, unknownSummary } from '../errors.js'
import type { PaginatorsModel, ServiceModel, Shape, WaitersModel } from '../model/types.js'
import { convertOperation, SERVER_FAULT } from './operation.js'
import { compareNames, sortedByKey } from './schema.js'
import type { Json, JsonObject } from './schema.js'
import { convertShape, isComponentShape, resolve } from './shape.js'

/** What differs between the APIs described (see src/apis.ts); every member defaults to ECS's. */
export interface DocumentApi {
  readonly title: string
  readonly summary: string
  /** The pinned model's folder relative to openapi/, named in the banner. */
  readonly modelDir: string
  readonly serverFault: string
  /** The operations described; absent: all of the model's. */
  readonly operations?: readonly string[] | undefined
}

const ECS_DOCUMENT: DocumentApi = {
  title: 'Amazon ECS API (quayside)',
  summary: 'The Amazon Elastic Container Service API, as served by quayside.',
  modelDir: 'model',
  serverFault: SERVER_FAULT,
}

/** Everything the document is built from (read from openapi/model and openapi/overlays). */
export interface DocumentInputs {
  readonly service: ServiceModel
  readonly paginators: PaginatorsModel
  readonly waiters: WaitersModel
  /** Operation name -> our one-line summary. */
  readonly summaries: Readonly<Record<string, string>>
  /** sha256 (hex) of openapi/model/service-2.json, named in the banner. */
  readonly modelSha256: string
  /** The botocore release the model was pinned from. */
  readonly botocoreVersion: string
  /** Which API and how much of it; ECS, whole, when absent. */
  readonly api?: DocumentApi | undefined
}

/** The banner: JSON has no comments, so it is the root `x-generated-by` member. */
export function banner(inputs: DocumentInputs): string {
  return (
    `openapi/scripts/generate.ts from openapi/${(inputs.api ?? ECS_DOCUMENT).modelDir}/service-2.json ` +
    `(botocore ${inputs.botocoreVersion}, sha256 ${inputs.modelSha256.slice(0, 12)}) - do not edit`
  )
}

/** Fails unless the summaries name exactly the model's operations. */
export function checkSummaries(
  operations: readonly string[],
  summaries: Readonly<Record<string, string>>,
): void {
  const known = new Set(operations)
  const missing = operations
    .filter(op => !Object.hasOwn(summaries, op) || summaries[op]?.trim() === '')
    .sort(compareNames)
  if (missing.length > 0) throw missingSummary(missing)
  const extra = Object.keys(summaries)
    .filter(op => !known.has(op))
    .sort(compareNames)
  if (extra.length > 0) throw unknownSummary(extra)
}

/**
 * The names of the shapes that `roots` reach through members, list members and map keys and
 * values (roots included), in model order.
 */
export function reachableShapes(
  shapes: Readonly<Record<string, Shape>>,
  roots: readonly string[],
): Set<string> {
  const seen = new Set<string>()
  const pending = [...roots]
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue
    seen.add(name)
    const shape = resolve(shapes, name, 'an operation')
    if (shape.type === 'structure') pending.push(...Object.values(shape.members).map(m => m.shape))
    else if (shape.type === 'list') pending.push(shape.member.shape)
    else if (shape.type === 'map') pending.push(shape.key.shape, shape.value.shape)
  }
  return new Set(Object.keys(shapes).filter(name => seen.has(name)))
}

/** The operations described: `api.operations`, each checked to be in the model, or all. */
function describedOperations(service: ServiceModel, api: DocumentApi): string[] {
  const all = Object.keys(service.operations)
  if (api.operations === undefined) return all
  for (const name of api.operations) {
    if (!Object.hasOwn(service.operations, name)) throw unknownShape(name, 'the served operations')
  }
  return all.filter(name => api.operations?.includes(name))
}

/** Builds the document as a JSON object (serialise with {@link serializeDocument}). */
export function buildDocument(inputs: DocumentInputs): JsonObject {
  const { service } = inputs
  const api = inputs.api ?? ECS_DOCUMENT
  const described = describedOperations(service, api)
  checkSummaries(described, inputs.summaries)

  const paths: Record<string, Json> = {}
  const roots = [api.serverFault]
  for (const name of described) {
    const op = service.operations[name]
    /* c8 ignore next */
    if (op === undefined) continue
    roots.push(...[op.input, op.output, ...(op.errors ?? [])].flatMap(r => (r ? [r.shape] : [])))
    paths[`/${name}`] = convertOperation(name, op, {
      shapes: service.shapes,
      targetPrefix: service.metadata.targetPrefix,
      // checkSummaries above guarantees a summary for every operation
      summary: String(inputs.summaries[name]),
      paginator: Object.hasOwn(inputs.paginators.pagination, name)
        ? inputs.paginators.pagination[name]
        : undefined,
      serverFault: api.serverFault,
    })
  }

  const used = api.operations === undefined ? undefined : reachableShapes(service.shapes, roots)
  const schemas: Record<string, Json> = {}
  for (const [name, shape] of Object.entries(service.shapes)) {
    if (used !== undefined && !used.has(name)) continue
    if (isComponentShape(shape)) schemas[name] = convertShape(name, shape, service.shapes)
  }
  const waiters = Object.entries(inputs.waiters.waiters).filter(([, waiter]) =>
    // Every botocore waiter names its operation.
    described.includes((waiter as { operation: string }).operation),
  )
  const signingName = service.metadata.signingName ?? service.metadata.endpointPrefix

  return {
    // First, so the file opens with its banner.
    'x-generated-by': banner(inputs),
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: service.metadata.apiVersion,
      summary: api.summary,
      description:
        `Generated by ${banner(inputs)}. Every operation is \`POST /<Operation>\` here; AWS ` +
        'clients send `POST /` with an `X-Amz-Target` header instead, and quayside accepts both. ' +
        'Field descriptions are generated from the model constraints.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    'x-amz-service': { ...service.metadata } as JsonObject,
    // Relative: the document describes whichever endpoint serves it (quayside, or ECS itself).
    servers: [{ url: '/', description: 'The endpoint this document is served from.' }],
    security: [{ sigv4: [] }],
    paths: sortedByKey(paths),
    components: {
      schemas: sortedByKey(schemas),
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: `AWS Signature Version 4 (service name "${signingName}").`,
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    },
    'x-waiters': waiters.length === 0 ? undefined : (Object.fromEntries(waiters) as JsonObject),
  }
}

/** The document as committed: 2-space JSON with a trailing newline. */
export function serializeDocument(document: JsonObject): string {
  return JSON.stringify(document, null, 2) + '\n'
}
