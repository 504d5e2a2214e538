/**
 * Checks the server's answers against the spec, strictly: a 200 body against the operation's
 * output schema, an error body against the shape its `__type` names, which must be one of the
 * operation's modeled errors (its 400 `oneOf` and its 500) or a common one. The schemas are the
 * spec's, closed (closed-schema.ts), so a member the shape does not have is a mismatch as well as
 * a wrong type or a missing required member. Used by the tests (test/fixtures/answer-check.ts
 * hooks it to every server they start); the server itself never runs it.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { closeSchemas } from './closed-schema.js'
import { modelRegExp } from './model-regexp.js'
import type { SpecDocument } from './validator.js'

const CLOSED_ID = 'quayside:ecs-closed'
const JSON_TYPE = 'application/x-amz-json-1.1'

/** One answer as it went on the wire: the operation (when routing found one), status, parsed body. */
export interface Answer {
  readonly operation: string | undefined
  readonly status: number
  readonly body: unknown
}

/** A difference between an answer and the spec. */
export interface AnswerMismatch {
  /** The operation answered, or `(none)` when the request named none the server knows. */
  readonly operation: string
  /** Where in the body: `$` for the whole body, `$.tasks[0].cpu`. */
  readonly path: string
  readonly message: string
}

/** Options of {@link createAnswerChecker}. */
export interface AnswerCheckOptions {
  /**
   * Errors any operation may answer besides its modeled ones, with their HTTP status: the spec's
   * 500 (`ServerException`, which every operation declares) and the protocol errors of the front
   * door. A name the spec has a schema for is checked against it; any other must be exactly
   * `{"__type": name, "message"?: string}`.
   */
  readonly commonErrors: Readonly<Record<string, number>>
  /**
   * Operation -> modeled errors (spec components) it may answer although its own list lacks
   * them: divergences from the model kept on purpose, each checked against its shape.
   */
  readonly extraErrors?: Readonly<Record<string, readonly string[]>> | undefined
  /**
   * Compile the output schema of every operation of the spec now (under a second) instead of at
   * its first answer, which would hold up the event loop of the process answering it.
   */
  readonly compileAll?: boolean | undefined
  /**
   * Error bodies may carry a `message` their shape does not model: other APIs' models leave it
   * out of some exceptions (SSM's InvalidFilterKey), while awsJson 1.1 sends one with every error.
   */
  readonly unmodeledMessage?: boolean | undefined
}

/** The modeled errors of an operation (name -> HTTP status) and its output schema's `$ref`. */
interface OperationContract {
  readonly outputRef: string | undefined
  readonly errors: ReadonlyMap<string, number>
}

type Responses = Readonly<
  Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined>
>

const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1)

const isEmptyObject = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  !Array.isArray(body) &&
  Object.keys(body).length === 0

function contractOf(spec: SpecDocument, operation: string): OperationContract | undefined {
  const item = spec.paths[`/${operation}`] as { post?: { responses?: Responses } } | undefined
  const responses = item?.post?.responses
  if (!responses) return undefined
  const schemaOf = (status: string) => responses[status]?.content?.[JSON_TYPE]?.schema
  const errors = new Map<string, number>()
  for (const status of Object.keys(responses)) {
    if (status === '200') continue
    const schema = schemaOf(status)
    const refs = Array.isArray(schema?.['oneOf']) ? (schema['oneOf'] as unknown[]) : [schema]
    for (const branch of refs) {
      const ref = (branch as { $ref?: unknown } | undefined)?.$ref
      if (typeof ref === 'string') errors.set(refName(ref), Number(status))
    }
  }
  const outputRef = schemaOf('200')?.['$ref']
  return { outputRef: typeof outputRef === 'string' ? outputRef : undefined, errors }
}

/** The HTTP status the spec gives error shape `name` (`x-amz-error`), if it is one. */
function statusOf(spec: SpecDocument, name: string): number | undefined {
  const schema = spec.components.schemas[name] as
    { 'x-amz-error'?: { httpStatus?: number } } | undefined
  return schema?.['x-amz-error']?.httpStatus
}

/** `/tasks/0/containers` (+ `extra`) -> `$.tasks[0].containers.extra`. */
export function jsonPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (extra !== undefined) parts.push(extra)
  let out = '$'
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(part)
      ? `[${part}]`
      : /^[A-Za-z_$][\w$]*$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part)}]`
  }
  return out
}

function describe(
  error: ErrorObject,
  shapeNames: WeakMap<object, string>,
): { path: string; message: string } {
  const params = error.params as Record<string, unknown>
  const parent: unknown = error.parentSchema
  const shape = typeof parent === 'object' && parent !== null ? shapeNames.get(parent) : undefined
  if (error.keyword === 'additionalProperties') {
    const member = String(params['additionalProperty'])
    return {
      path: jsonPath(error.instancePath, member),
      message: `is not a member of ${shape ?? 'the shape'} in the spec`,
    }
  }
  if (error.keyword === 'required') {
    return {
      path: jsonPath(error.instancePath, String(params['missingProperty'])),
      message: `is required by ${shape ?? 'the shape'} and missing`,
    }
  }
  return { path: jsonPath(error.instancePath), message: error.message ?? 'is invalid' }
}

/**
 * Compiles checkers from `spec` (lazily, per operation and per error shape, then reused) and
 * returns the check: the mismatches of one answer, none when it matches the spec.
 */
export function createAnswerChecker(
  spec: SpecDocument,
  options: AnswerCheckOptions,
): (answer: Answer) => AnswerMismatch[] {
  // verbose: each error carries the schema object it was raised in, named through shapeNames.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
    verbose: true,
    code: { regExp: modelRegExp },
  })
  const closed = closeSchemas(spec.components.schemas)
  const shapeNames = new WeakMap<object, string>()
  for (const [name, schema] of Object.entries(closed))
    if (typeof schema === 'object' && schema !== null) shapeNames.set(schema, name)
  ajv.addSchema({ ...spec, components: { ...spec.components, schemas: closed }, $id: CLOSED_ID })
  const contracts = new Map<string, OperationContract | undefined>()
  const validators = new Map<string, ValidateFunction>()
  const contract = (operation: string) => {
    if (!contracts.has(operation)) contracts.set(operation, contractOf(spec, operation))
    return contracts.get(operation)
  }
  const validator = (key: string, schema: () => object) => {
    let compiled = validators.get(key)
    if (!compiled) {
      compiled = ajv.compile(schema())
      validators.set(key, compiled)
    }
    return compiled
  }
  const outputValidator = (operation: string, ref: string) =>
    validator(`output:${operation}`, () => ({ $ref: `${CLOSED_ID}${ref}` }))
  if (options.compileAll === true)
    for (const path of Object.keys(spec.paths)) {
      const operation = path.slice(1)
      const ref = contract(operation)?.outputRef
      if (ref !== undefined) outputValidator(operation, ref)
    }
  const errorValidator = (name: string) =>
    name in spec.components.schemas
      ? validator(`error:${name}`, () => ({ $ref: `${CLOSED_ID}#/components/schemas/${name}` }))
      : validator(`error:${name}`, () => ({
          type: 'object',
          properties: { __type: { const: name }, message: { type: 'string' } },
          required: ['__type'],
          additionalProperties: false,
        }))

  return ({ operation, status, body }) => {
    const op = operation ?? '(none)'
    const mismatch = (path: string, message: string): AnswerMismatch[] => [
      { operation: op, path, message },
    ]
    const found = operation === undefined ? undefined : contract(operation)
    if (operation !== undefined && !found)
      return mismatch('$', `the spec has no operation ${operation}`)
    let validate: ValidateFunction
    if (status === 200) {
      if (!found) return mismatch('$', 'a 200 answer, but the spec models no output')
      // An operation without an output answers an empty JSON object, as its spec says.
      if (found.outputRef === undefined)
        return isEmptyObject(body)
          ? []
          : mismatch('$', 'the spec models no output: the answer must be {}')
      validate = outputValidator(op, found.outputRef)
    } else {
      const type = (body as { __type?: unknown } | null)?.__type
      if (typeof body !== 'object' || body === null || typeof type !== 'string')
        return mismatch('$.__type', `an HTTP ${String(status)} answer without a string __type`)
      const extra = operation === undefined ? undefined : options.extraErrors?.[operation]
      const expected =
        found?.errors.get(type) ??
        options.commonErrors[type] ??
        (extra?.includes(type) === true ? statusOf(spec, type) : undefined)
      if (expected === undefined) {
        const modeled = [...(found?.errors.keys() ?? [])].join(', ')
        return mismatch(
          '$.__type',
          `${type} is neither an error of ${op} (${modeled === '' ? 'none' : modeled}) nor a common one`,
        )
      }
      if (expected !== status)
        return mismatch(
          '$',
          `${type} answered with HTTP ${String(status)}, the spec says ${String(expected)}`,
        )
      validate = errorValidator(type)
      const properties = (closed[type] as { properties?: object } | undefined)?.properties
      if (
        options.unmodeledMessage === true &&
        properties !== undefined &&
        !('message' in properties)
      ) {
        const rest: Record<string, unknown> = { ...(body as Record<string, unknown>) }
        delete rest['message']
        body = rest
      }
    }
    if (validate(body)) return []
    const seen = new Set<string>()
    const out: AnswerMismatch[] = []
    for (const error of validate.errors ?? []) {
      const { path, message } = describe(error, shapeNames)
      const key = `${path} ${message}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({ operation: op, path, message })
    }
    return out
  }
}
