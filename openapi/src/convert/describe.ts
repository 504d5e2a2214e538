/**
 * Field and schema descriptions, generated from the model's constraints alone (type, allowed
 * values, limits, required). The model's own documentation is never pinned, so these words are
 * all a reader of the spec sees about a field besides its name.
 */
import type { Shape, ShapeRef } from '../model/types.js'

/** A counted noun, singular and plural: ['entry', 'entries']. */
export type Unit = readonly [one: string, many: string]

/** Limits as a phrase: "1 to 255 characters", "at least 1 item", "at most 10 entries". */
export function describeRange(
  min: number | undefined,
  max: number | undefined,
  unit?: Unit,
): string {
  const noun = (n: number) => (unit === undefined ? '' : ` ${n === 1 ? unit[0] : unit[1]}`)
  if (min !== undefined && max !== undefined) return `${min} to ${max}${noun(max)}`
  if (min !== undefined) return `at least ${min}${noun(min)}`
  if (max !== undefined) return `at most ${max}${noun(max)}`
  return ''
}

function sentence(parts: readonly string[]): string {
  return parts.filter(part => part !== '').join(', ') + '.'
}

/** Traits that apply to any shape kind, as trailing sentences. */
function traits(shape: Shape): string {
  const out: string[] = []
  if (shape.deprecated === true) {
    out.push(
      `Deprecated${shape.deprecatedSince === undefined ? '' : ` since ${shape.deprecatedSince}`}.`,
    )
  }
  if (shape.sensitive === true) out.push('Sensitive: keep it out of logs.')
  return out.map(text => ` ${text}`).join('')
}

/**
 * What a named shape is, in one or two sentences: kind, allowed values, limits, and for objects
 * the required members. Used as the `description` of component schemas and (after a
 * Required/Optional prefix) of every property.
 */
export function describeShape(name: string, shape: Shape): string {
  return describeKind(name, shape) + traits(shape)
}

function describeKind(name: string, shape: Shape): string {
  switch (shape.type) {
    case 'structure': {
      if (shape.document === true) return `${name}: any JSON value (a free-form document).`
      if (shape.exception === true) {
        const status = shape.fault === true ? '500 (a server fault)' : '400 (a client error)'
        return `${name} error: the response body of HTTP ${status}, with \`__type\` "${name}".`
      }
      const count = Object.keys(shape.members).length
      const required = shape.required ?? []
      return sentence([
        `${name} object with ${count} ${count === 1 ? 'member' : 'members'}`,
        required.length === 0 ? 'none required' : `required: ${required.join(', ')}`,
      ])
    }
    case 'list':
      return sentence([
        `${name}: list of ${shape.member.shape}`,
        describeRange(shape.min, shape.max, ['item', 'items']),
      ])
    case 'map':
      return sentence([
        `${name}: map from ${shape.key.shape} keys to ${shape.value.shape} values`,
        describeRange(shape.min, shape.max, ['entry', 'entries']),
      ])
    case 'string':
      if (shape.enum !== undefined) return `${name}: string, one of ${shape.enum.join(', ')}.`
      return sentence([
        'String',
        describeRange(shape.min, shape.max, ['character', 'characters']),
        shape.pattern === undefined ? '' : `pattern \`${shape.pattern}\``,
      ])
    case 'integer':
    case 'long': {
      const bits = shape.type === 'integer' ? 32 : 64
      return sentence([`${bits}-bit integer`, describeRange(shape.min, shape.max)])
    }
    case 'double':
    case 'float':
      return sentence(['Number (double)', describeRange(shape.min, shape.max)])
    case 'boolean':
      return 'Boolean.'
    case 'blob':
      return sentence([
        'Bytes, sent as base64 text',
        describeRange(shape.min, shape.max, ['byte', 'bytes']),
      ])
    case 'timestamp':
      return 'Timestamp: seconds since the Unix epoch as a JSON number (fractions allowed).'
  }
}

/**
 * The description of one member of a structure: "Required." or "Optional.", then what its shape
 * is, then the traits the member itself carries (deprecated, idempotency token).
 */
export function describeMember(ref: ShapeRef, shape: Shape, required: boolean): string {
  const parts = [required ? 'Required.' : 'Optional.', describeShape(ref.shape, shape)]
  if (ref.deprecated === true && shape.deprecated !== true) {
    parts.push(
      `Deprecated${ref.deprecatedSince === undefined ? '' : ` since ${ref.deprecatedSince}`}.`,
    )
  }
  if (ref.idempotencyToken === true) {
    parts.push('Idempotency token: a retry with the same value does not repeat the call.')
  }
  return parts.join(' ')
}
