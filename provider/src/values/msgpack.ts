/**
 * The DynamicValue codec. Terraform sends values as msgpack (cty's encoding) and accepts only
 * msgpack back; JSON is a fallback it may send. Decoding and encoding are guided by the type, which
 * is how cty itself reads msgpack: the bytes alone do not say whether `[]` is a list or a set.
 */
import { Decoder, Encoder, ExtData, ExtensionCodec } from '@msgpack/msgpack'
import { badValue } from '../errors.js'
import { UNKNOWN, isObject } from './types.js'
import type { CtyType, TfObject, TfValue } from './types.js'

type Path = (string | number)[]

const extensions = new ExtensionCodec()
// cty writes an unknown as extension 0 and a refined unknown (one with a known prefix, range,
// nullness...) as extension 12; refinements only narrow the value, so any extension is unknown:
// type 0 decodes here, every other type arrives as ExtData and is mapped in fromWire.
extensions.register({
  type: 0,
  encode: input => (input === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
})

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

const encoder = new Encoder({ extensionCodec: extensions, ignoreUndefined: true })
const decoder = new Decoder({ extensionCodec: extensions, useBigInt64: true })

/** Encodes `value` of type `type` as cty msgpack. Throws a ProviderError when it does not fit. */
export function encodeMsgpack(value: TfValue, type: CtyType): Uint8Array {
  return encoder.encode(toWire(value, type, []))
}

/** Decodes cty msgpack bytes of type `type`; empty bytes decode as null. */
export function decodeMsgpack(bytes: Uint8Array, type: CtyType): TfValue {
  if (bytes.length === 0) return null
  return fromWire(decoder.decode(bytes), type, [])
}

/** Decodes the JSON fallback encoding of a DynamicValue (no unknowns can appear in it). */
export function decodeJson(bytes: Uint8Array, type: CtyType): TfValue {
  if (bytes.length === 0) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch (error) {
    throw badValue([], `DynamicValue JSON does not parse: ${(error as Error).message}`)
  }
  return fromWire(parsed, type, [])
}

/** Decodes whichever encoding the DynamicValue carries (msgpack preferred). */
export function decodeDynamic(
  value: { msgpack?: Uint8Array | null; json?: Uint8Array | null } | null | undefined,
  type: CtyType,
): TfValue {
  if (value?.msgpack && value.msgpack.length > 0) return decodeMsgpack(value.msgpack, type)
  if (value?.json && value.json.length > 0) return decodeJson(value.json, type)
  return null
}

function describe(type: CtyType): string {
  return typeof type === 'string' ? type : JSON.stringify(type)
}

/** Normalises a decoded number: exact JS number when safe, else its decimal text. */
export function normalizeNumber(raw: unknown, path: Path): number | string {
  if (typeof raw === 'bigint')
    return raw >= MIN_SAFE && raw <= MAX_SAFE ? Number(raw) : raw.toString()
  if (typeof raw === 'number') return raw
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text)
      return big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : text
    }
    const asNumber = Number(text)
    if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(asNumber)) {
      throw badValue(path, `"${raw}" is not a number`)
    }
    // keep the text when a JS number would not reproduce it
    return String(asNumber) === text ? asNumber : text
  }
  throw badValue(path, `expected a number, got ${typeof raw}`)
}

function fromWire(raw: unknown, type: CtyType, path: Path): TfValue {
  if (raw === null || raw === undefined) return null
  if (raw === UNKNOWN || raw instanceof ExtData) return UNKNOWN
  if (type === 'dynamic') return plain(raw, path)
  if (type === 'string') {
    if (typeof raw === 'string') return raw
    throw badValue(path, `expected a string, got ${typeof raw}`)
  }
  if (type === 'number') return normalizeNumber(raw, path)
  if (type === 'bool') {
    if (typeof raw === 'boolean') return raw
    throw badValue(path, `expected a bool, got ${typeof raw}`)
  }
  const [kind, inner] = type
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) throw badValue(path, `expected a ${describe(type)}`)
    return raw.map((item, i) => fromWire(item, inner, [...path, i]))
  }
  if (kind === 'tuple') {
    if (!Array.isArray(raw) || raw.length !== inner.length) {
      throw badValue(path, `expected a ${describe(type)}`)
    }
    return inner.map((t, i) => fromWire(raw[i], t, [...path, i]))
  }
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw badValue(path, `expected a ${describe(type)}`)
  const record = raw as Record<string, unknown>
  const out: TfObject = {}
  if (kind === 'map') {
    for (const [key, item] of Object.entries(record))
      out[key] = fromWire(item, inner, [...path, key])
    return out
  }
  for (const [name, attrType] of Object.entries(inner as Readonly<Record<string, CtyType>>)) {
    out[name] = fromWire(record[name], attrType, [...path, name])
  }
  return out
}

/** A value of type "dynamic": kept as plain data, numbers normalised. */
function plain(raw: unknown, path: Path): TfValue {
  if (raw === null || raw === undefined) return null
  if (raw instanceof ExtData) return UNKNOWN
  if (raw === UNKNOWN || typeof raw === 'string' || typeof raw === 'boolean') return raw
  if (typeof raw === 'number' || typeof raw === 'bigint') return normalizeNumber(raw, path)
  if (Array.isArray(raw)) return raw.map((item, i) => plain(item, [...path, i]))
  if (typeof raw === 'object') {
    const out: TfObject = {}
    for (const [key, item] of Object.entries(raw)) out[key] = plain(item, [...path, key])
    return out
  }
  throw badValue(path, `cannot decode a ${typeof raw}`)
}

function toWire(value: TfValue, type: CtyType, path: Path): unknown {
  if (value === null || value === UNKNOWN) return value
  if (type === 'dynamic') {
    throw badValue(path, 'values of type "dynamic" cannot be encoded by this provider')
  }
  if (type === 'string') {
    if (typeof value === 'string') return value
    throw badValue(path, `expected a string, got ${describeValue(value)}`)
  }
  if (type === 'number') {
    // a decimal text is sent as a msgpack string: cty reads number-typed strings as numbers
    if (typeof value === 'number' || typeof value === 'string') return value
    throw badValue(path, `expected a number, got ${describeValue(value)}`)
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return value
    throw badValue(path, `expected a bool, got ${describeValue(value)}`)
  }
  const [kind, inner] = type
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    if (!Array.isArray(value)) throw badValue(path, `expected a ${describe(type)}`)
    if (kind === 'tuple') {
      if (value.length !== inner.length) throw badValue(path, `expected a ${describe(type)}`)
      return inner.map((t, i) => toWire(value[i] ?? null, t, [...path, i]))
    }
    return value.map((item, i) => toWire(item, inner, [...path, i]))
  }
  if (!isObject(value)) throw badValue(path, `expected a ${describe(type)}`)
  const out: Record<string, unknown> = {}
  if (kind === 'map') {
    for (const [key, item] of Object.entries(value)) out[key] = toWire(item, inner, [...path, key])
    return out
  }
  // cty requires every attribute of an object type, and only those
  for (const [name, attrType] of Object.entries(inner as Readonly<Record<string, CtyType>>)) {
    out[name] = toWire(value[name] ?? null, attrType, [...path, name])
  }
  return out
}

function describeValue(value: TfValue): string {
  if (Array.isArray(value)) return 'a list'
  if (isObject(value)) return 'an object'
  return typeof value
}
