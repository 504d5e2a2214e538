/**
 * Validates request bodies against the spec's input schemas. The whole spec is added to one ajv
 * 2020 instance; each operation's validator is compiled when first asked for and then reused
 * (startServer asks for all of them once per process, at start).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { EcsServerError, errors, type ServiceError } from '../errors.js'
import { modelRegExp } from './model-regexp.js'

const SPEC_ID = 'quayside:ecs'

/** The loose shape of the spec this module reads. */
export interface SpecDocument {
  readonly paths: Readonly<Record<string, unknown>>
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> }
}

/** Validates one operation's input; `undefined` when valid, else the error to answer. */
export type InputValidator = (input: unknown) => ServiceError | undefined

/**
 * Builds validators from `spec`; throws when an operation's input schema cannot be found.
 * `invalid` makes the error of a value that breaks a constraint (ECS's InvalidParameterException
 * by default; another API passes its own), a value of the wrong JSON type is a
 * SerializationException in every API.
 */
export function createValidators(
  spec: SpecDocument,
  invalid: (message: string) => ServiceError = errors.invalidParameter,
): (operation: string) => InputValidator {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    validateFormats: false,
    code: { regExp: modelRegExp },
    // Spec keywords such as x-amz-timestamp and discriminator are annotations here.
  })
  ajv.addSchema({ ...spec, $id: SPEC_ID })
  const cache = new Map<string, InputValidator>()
  return operation => {
    let validator = cache.get(operation)
    if (!validator) {
      const ref = inputRef(spec, operation)
      const compiled = ajv.compile({ $ref: `${SPEC_ID}${ref}` })
      validator = input => (compiled(input) ? undefined : toServiceError(compiled, invalid))
      cache.set(operation, validator)
    }
    return validator
  }
}

function inputRef(spec: SpecDocument, operation: string): string {
  const path = spec.paths[`/${operation}`] as
    | { post?: { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } }
    | undefined
  const ref = path?.post?.requestBody?.content?.['application/x-amz-json-1.1']?.schema?.$ref
  if (!ref)
    throw new EcsServerError('ECS_SRV_SPEC', `the spec has no input schema for ${operation}`)
  return ref
}

/** `/containerDefinitions/0/name` -> `containerDefinitions[0].name`. */
export function fieldName(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (extra !== undefined) parts.push(extra)
  let out = ''
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`
  }
  return out === '' ? 'the request body' : out
}

function toServiceError(
  validate: ValidateFunction,
  invalid: (message: string) => ServiceError,
): ServiceError {
  const error: ErrorObject | undefined = (validate.errors ?? [])[0]
  if (!error) return invalid('The request is invalid.')
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required': {
      const field = fieldName(error.instancePath, String(params['missingProperty']))
      return invalid(`${field} is required and was not given.`)
    }
    case 'type':
      return errors.serialization(
        `${fieldName(error.instancePath)} must be of type ${String(params['type'])}.`,
      )
    case 'enum':
    case 'const':
      return invalid(
        `${fieldName(error.instancePath)} must be one of: ${(params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? String(params['allowedValue'])}.`,
      )
    default:
      return invalid(`${fieldName(error.instancePath)} ${error.message ?? 'is invalid'}.`)
  }
}
