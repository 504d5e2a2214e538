/**
 * Shape conversion, one function per botocore shape kind. Structures, lists, maps and enum strings
 * become component schemas under their model name; plain scalars (strings without enum, numbers,
 * booleans, timestamps) are inlined wherever they are used.
 */
import { unknownShape, unsupportedShape } from '../errors.js'
import type {
  BlobShape,
  BooleanShape,
  ListShape,
  MapShape,
  NumberShape,
  Shape,
  ShapeRef,
  StringShape,
  StructureShape,
  TimestampShape,
} from '../model/types.js'
import { describeMember, describeShape } from './describe.js'
import { compact, refTo } from './schema.js'
import type { Json, JsonObject } from './schema.js'

/** All shapes of the model, by name: what refs are resolved against. */
export type Shapes = Readonly<Record<string, Shape>>

/** Whether a shape gets its own entry in `components.schemas` (else it is inlined). */
export function isComponentShape(shape: Shape): boolean {
  return (
    shape.type === 'structure' ||
    shape.type === 'list' ||
    shape.type === 'map' ||
    (shape.type === 'string' && shape.enum !== undefined)
  )
}

/** Looks up a referenced shape; `where` names the referrer for the error message. */
export function resolve(shapes: Shapes, name: string, where: string): Shape {
  const shape = Object.hasOwn(shapes, name) ? shapes[name] : undefined
  if (shape === undefined) throw unknownShape(name, where)
  return shape
}

/** `deprecated: true` when the shape (or the member referring to it) is deprecated. */
function deprecation(flag: boolean | undefined): true | undefined {
  return flag === true ? true : undefined
}

/** The schema at a point of use: a `$ref` to a component, or the inlined scalar schema. */
export function schemaForRef(shapes: Shapes, ref: ShapeRef, where: string): JsonObject {
  const shape = resolve(shapes, ref.shape, where)
  return isComponentShape(shape) ? refTo(ref.shape) : convertShape(ref.shape, shape, shapes)
}

/** {@link schemaForRef} with a description of the target, for list items and map keys/values. */
export function describedRef(shapes: Shapes, ref: ShapeRef, where: string): JsonObject {
  const shape = resolve(shapes, ref.shape, where)
  return { ...schemaForRef(shapes, ref, where), description: describeShape(ref.shape, shape) }
}

/** A structure: an object whose properties are its members, in model order. */
export function convertStructure(name: string, shape: StructureShape, shapes: Shapes): JsonObject {
  if (shape.document === true) {
    // A document is any JSON value, so the schema deliberately has no `type`.
    return { description: describeShape(name, shape), 'x-amz-document': true }
  }
  const required = new Set(shape.required ?? [])
  const properties: Record<string, Json> = {}
  if (shape.exception === true) {
    properties['__type'] = {
      type: 'string',
      const: name,
      description: `Required. The error name, always "${name}".`,
    }
  }
  for (const [member, ref] of Object.entries(shape.members)) {
    const target = resolve(shapes, ref.shape, `${name}.${member}`)
    properties[member] = compact({
      ...schemaForRef(shapes, ref, `${name}.${member}`),
      description: describeMember(ref, target, required.has(member)),
      deprecated: deprecation(ref.deprecated),
      'x-amz-idempotency-token': ref.idempotencyToken === true ? true : undefined,
    })
  }
  const requiredList = [...(shape.exception === true ? ['__type'] : []), ...(shape.required ?? [])]
  return compact({
    type: 'object',
    description: describeShape(name, shape),
    properties,
    required: requiredList.length === 0 ? undefined : requiredList,
    deprecated: deprecation(shape.deprecated),
    'x-amz-sensitive': shape.sensitive === true ? true : undefined,
    'x-amz-error':
      shape.exception === true
        ? { httpStatus: shape.fault === true ? 500 : 400, fault: shape.fault === true }
        : undefined,
  })
}

/** A list: an array of its member shape, with the model's item limits. */
export function convertList(name: string, shape: ListShape, shapes: Shapes): JsonObject {
  return compact({
    type: 'array',
    description: describeShape(name, shape),
    items: describedRef(shapes, shape.member, `${name} (member)`),
    minItems: shape.min,
    maxItems: shape.max,
    deprecated: deprecation(shape.deprecated),
    'x-amz-sensitive': shape.sensitive === true ? true : undefined,
  })
}

/** A map: an object whose values follow the value shape and whose keys follow the key shape. */
export function convertMap(name: string, shape: MapShape, shapes: Shapes): JsonObject {
  const key = resolve(shapes, shape.key.shape, `${name} (key)`)
  const keyConstrained =
    key.type === 'string' &&
    (key.enum !== undefined ||
      key.min !== undefined ||
      key.max !== undefined ||
      key.pattern !== undefined)
  return compact({
    type: 'object',
    description: describeShape(name, shape),
    additionalProperties: describedRef(shapes, shape.value, `${name} (value)`),
    propertyNames: keyConstrained ? describedRef(shapes, shape.key, `${name} (key)`) : undefined,
    minProperties: shape.min,
    maxProperties: shape.max,
    deprecated: deprecation(shape.deprecated),
    'x-amz-sensitive': shape.sensitive === true ? true : undefined,
  })
}

/** A string: an enum component, or an inline string with length and pattern limits. */
export function convertString(name: string, shape: StringShape): JsonObject {
  return compact({
    type: 'string',
    description: describeShape(name, shape),
    enum: shape.enum,
    minLength: shape.min,
    maxLength: shape.max,
    pattern: shape.pattern,
    deprecated: deprecation(shape.deprecated),
    'x-amz-sensitive': shape.sensitive === true ? true : undefined,
  })
}

/** integer and long become JSON Schema integers; double and float become numbers. */
export function convertNumber(name: string, shape: NumberShape): JsonObject {
  const integral = shape.type === 'integer' || shape.type === 'long'
  return compact({
    type: integral ? 'integer' : 'number',
    format: shape.type === 'integer' ? 'int32' : shape.type === 'long' ? 'int64' : 'double',
    description: describeShape(name, shape),
    minimum: shape.min,
    maximum: shape.max,
    deprecated: deprecation(shape.deprecated),
  })
}

export function convertBoolean(name: string, shape: BooleanShape): JsonObject {
  return { type: 'boolean', description: describeShape(name, shape) }
}

/** awsJson 1.1 sends bytes as base64 text; the model's limits count the decoded bytes. */
export function convertBlob(name: string, shape: BlobShape): JsonObject {
  return compact({
    type: 'string',
    contentEncoding: 'base64',
    description: describeShape(name, shape),
    'x-amz-sensitive': shape.sensitive === true ? true : undefined,
  })
}

/** awsJson 1.1 sends timestamps without a format trait as epoch seconds (a JSON number). */
export function convertTimestamp(name: string, shape: TimestampShape): JsonObject {
  return {
    type: 'number',
    description: describeShape(name, shape),
    'x-amz-timestamp': 'epoch-seconds',
  }
}

/** Converts any shape by its kind; throws ECS_OAS_UNSUPPORTED_SHAPE for an unknown kind. */
export function convertShape(name: string, shape: Shape, shapes: Shapes): JsonObject {
  switch (shape.type) {
    case 'structure':
      return convertStructure(name, shape, shapes)
    case 'list':
      return convertList(name, shape, shapes)
    case 'map':
      return convertMap(name, shape, shapes)
    case 'string':
      return convertString(name, shape)
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return convertNumber(name, shape)
    case 'boolean':
      return convertBoolean(name, shape)
    case 'blob':
      return convertBlob(name, shape)
    case 'timestamp':
      return convertTimestamp(name, shape)
    default:
      // The model is parsed JSON: a kind botocore adds later (union...) lands here.
      throw unsupportedShape(name, String((shape as { type: unknown }).type))
  }
}
