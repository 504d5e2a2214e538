/**
 * One operation as an OpenAPI path item: `POST /<Operation>`. Real AWS clients send every
 * call as `POST /` with an `X-Amz-Target` header; OpenAPI needs a distinct path per operation, so
 * the spec names the target both ways and the server accepts both.
 */
import type { OperationModel, Paginator } from '../model/types.js'
import { compareNames, compact, refTo } from './schema.js'
import type { JsonObject } from './schema.js'
import { resolve } from './shape.js'
import type { Shapes } from './shape.js'

/** The media type of every awsJson 1.1 request and response body. */
export const AWS_JSON_1_1 = 'application/x-amz-json-1.1'

/** The error every ECS operation may return with HTTP 500 (other APIs name their own). */
export const SERVER_FAULT = 'ServerException'

/** What {@link convertOperation} needs besides the operation itself. */
export interface OperationContext {
  readonly shapes: Shapes
  /** The model's `metadata.targetPrefix`, e.g. "AmazonEC2ContainerServiceV20141113". */
  readonly targetPrefix: string
  /** Our own one-line summary, from overlays/summaries.json. */
  readonly summary: string
  /** The operation's paginators-1.json entry, when it pages. */
  readonly paginator?: Paginator | undefined
  /** The model's service fault, answered with HTTP 500 (default {@link SERVER_FAULT}). */
  readonly serverFault?: string | undefined
}

function body(description: string, schema: JsonObject): JsonObject {
  return { description, content: { [AWS_JSON_1_1]: { schema } } }
}

/**
 * The client errors an operation lists (every modelled error except the service fault), sorted
 * by name, each checked to exist in the model.
 */
export function clientErrors(
  name: string,
  op: OperationModel,
  shapes: Shapes,
  serverFault = SERVER_FAULT,
): string[] {
  const names = (op.errors ?? []).map(ref => ref.shape)
  for (const error of names) resolve(shapes, error, `${name} (errors)`)
  return names.filter(error => error !== serverFault).sort(compareNames)
}

/** The paginator keys in a fixed order, values exactly as paginators-1.json spells them. */
function paginatorOf(p: Paginator): JsonObject {
  return {
    input_token: p.input_token,
    output_token: p.output_token,
    limit_key: p.limit_key,
    result_key: typeof p.result_key === 'string' ? p.result_key : [...p.result_key],
  }
}

/** Converts one operation into its path item (`{ post: ... }`). */
export function convertOperation(
  name: string,
  op: OperationModel,
  ctx: OperationContext,
): JsonObject {
  const target = `${ctx.targetPrefix}.${name}`
  const input = op.input?.shape
  const output = op.output?.shape
  if (input !== undefined) resolve(ctx.shapes, input, `${name} (input)`)
  if (output !== undefined) resolve(ctx.shapes, output, `${name} (output)`)
  // Every awsJson operation can fail with the service fault, listed or not.
  const fault = ctx.serverFault ?? SERVER_FAULT
  resolve(ctx.shapes, fault, `${name} (500)`)
  const errors = clientErrors(name, op, ctx.shapes, fault)
  const responses: Record<string, JsonObject> = {
    '200':
      output === undefined
        ? { description: 'Success, with an empty JSON object as the body.' }
        : body(`Success: ${output}.`, refTo(output)),
  }
  if (errors.length > 0) {
    responses['400'] = body(`A client error: ${errors.join(', ')}.`, {
      // `type` beside `discriminator` keeps Ajv's strictTypes mode content.
      type: 'object',
      oneOf: errors.map(refTo),
      discriminator: {
        propertyName: '__type',
        mapping: Object.fromEntries(errors.map(error => [error, refTo(error)['$ref']])),
      },
    })
  }
  responses['500'] = body(`A server fault (${fault}).`, refTo(fault))
  const post = compact({
    operationId: name,
    summary: ctx.summary,
    description: `Target \`${target}\`. Clients may also send this call as \`POST /\` with the \`X-Amz-Target\` header.`,
    'x-amz-target': target,
    'x-paginator': ctx.paginator === undefined ? undefined : paginatorOf(ctx.paginator),
    parameters: [
      {
        name: 'X-Amz-Target',
        in: 'header',
        required: false,
        description: `Optional here: real AWS clients POST / with this header set to "${target}".`,
        schema: { type: 'string', const: target },
      },
    ],
    requestBody: {
      required: true,
      content: {
        [AWS_JSON_1_1]: { schema: input === undefined ? { type: 'object' } : refTo(input) },
      },
    },
    responses,
  })
  return { post }
}
