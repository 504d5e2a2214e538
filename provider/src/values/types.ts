/**
 * The in-memory value model: what a Terraform value (a cty value) becomes once decoded. Plain JSON
 * data plus one marker for "not known until apply", so handlers can use ordinary object code.
 */

/**
 * A Terraform type constraint, spelled exactly as the protocol's JSON type encoding:
 * `"string"`, `["list","string"]`, `["object",{"name":"string"}]`. Schema attribute `type` fields
 * are these, serialised as JSON bytes.
 */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', Readonly<Record<string, CtyType>>]
  | readonly ['tuple', readonly CtyType[]]

/** The value Terraform has not computed yet ("known after apply"). Compare with `===`. */
export const UNKNOWN: unique symbol = Symbol.for('quayside.provider.unknown')

/** Type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN

/**
 * A decoded value. `null` is a null of any type. A number is a JS number when it is exactly
 * representable, else its decimal text (Terraform numbers are arbitrary precision). Lists, sets and
 * tuples are arrays; maps and objects are records. Objects decoded against a schema always carry
 * every attribute of their type.
 */
export type TfValue = null | Unknown | boolean | number | string | TfValue[] | TfObject

/** An object or map value. */
export interface TfObject {
  [key: string]: TfValue
}

/** True for an object or map value (not an array, not null, not unknown). */
export function isObject(value: TfValue | undefined): value is TfObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True when the value or anything inside it is {@link UNKNOWN}. */
export function containsUnknown(value: TfValue): boolean {
  if (value === UNKNOWN) return true
  if (Array.isArray(value)) return value.some(containsUnknown)
  if (isObject(value)) return Object.values(value).some(containsUnknown)
  return false
}
