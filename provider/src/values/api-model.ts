/**
 * Conversion between a resource's Terraform value and its API model (ECS member names), driven by
 * the schema's API bindings. Unknown and null values are left out of the API model; the API's
 * missing members become nulls, empty collections become null (so an unset optional attribute
 * does not show up as a change), and blocks keep their full shape.
 */
import { badValue } from '../errors.js'
import type { ApiBinding, Attribute, Block } from '../schema/types.js'
import { UNKNOWN, isObject } from './types.js'
import type { TfObject, TfValue } from './types.js'

/** An API object: JSON data with ECS member names (a generated model interface, or built by {@link toApi}). */
export type ApiModel = object

type MutableModel = Record<string, unknown>

type Path = (string | number)[]

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value at `path` in an API object. */
export function getPath(model: unknown, path: readonly string[]): unknown {
  let current = model
  for (const segment of path) {
    if (!isRecord(current)) return undefined
    current = current[segment]
  }
  return current
}

function setPath(model: MutableModel, path: readonly string[], value: unknown): void {
  let current = model
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      current[segment] = value
      return
    }
    const next = current[segment]
    if (isRecord(next)) current = next
    else {
      const created: MutableModel = {}
      current[segment] = created
      current = created
    }
  })
}

/** The API model of a Terraform object value (unknowns and nulls left out). */
export function toApi(block: Block, value: TfObject, path: Path = []): MutableModel {
  const model: MutableModel = {}
  for (const attribute of block.attributes) {
    const item = value[attribute.name]
    if (!attribute.api || item === null || item === undefined || item === UNKNOWN) continue
    const converted = attributeToApi(attribute, attribute.api, item, [...path, attribute.name])
    if (converted !== undefined) setPath(model, attribute.api.path, converted)
  }
  for (const nested of block.blocks) {
    const item = value[nested.name]
    if (!nested.api || item === null || item === undefined || item === UNKNOWN) continue
    const where = [...path, nested.name]
    if (nested.nesting === 'single') {
      if (isObject(item)) setPath(model, nested.api.path, toApi(nested.block, item, where))
    } else if (Array.isArray(item)) {
      const items = item
        .filter(isObject)
        .map((entry, i) => toApi(nested.block, entry, [...where, i]))
      setPath(model, nested.api.path, items)
    }
  }
  return model
}

function plainToApi(value: TfValue): unknown {
  if (value === UNKNOWN) return undefined
  if (Array.isArray(value)) return value.map(plainToApi).filter(item => item !== undefined)
  if (isObject(value)) {
    const out: MutableModel = {}
    for (const [key, item] of Object.entries(value)) {
      const converted = plainToApi(item)
      if (converted !== undefined && converted !== null) out[key] = converted
    }
    return out
  }
  return value
}

function attributeToApi(
  attribute: Attribute,
  api: ApiBinding,
  value: TfValue,
  path: Path,
): unknown {
  switch (api.transform ?? 'plain') {
    case 'tags':
    case 'name-value': {
      if (!isObject(value)) throw badValue(path, 'expected a map of strings')
      const [keyName, valueName] = api.transform === 'tags' ? ['key', 'value'] : ['name', 'value']
      return Object.entries(value)
        .filter(([, item]) => item !== UNKNOWN)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) =>
          item === null || item === '' ? { [keyName]: key } : { [keyName]: key, [valueName]: item },
        )
    }
    case 'json':
      if (typeof value !== 'string') throw badValue(path, 'expected a JSON string')
      try {
        return JSON.parse(value) as unknown
      } catch (error) {
        throw badValue(path, `not valid JSON: ${(error as Error).message}`)
      }
    case 'arn-ref':
    case 'plain':
      // decimal texts (numbers beyond float64) go to the API as JSON numbers, as ECS expects
      if (attribute.type === 'number' && typeof value === 'string') return Number(value)
      return plainToApi(value)
  }
}

/** The Terraform value (full shape of `block`) of an API object. */
export function fromApi(block: Block, model: ApiModel): TfObject {
  const out: TfObject = {}
  for (const attribute of block.attributes) {
    const api = attribute.api
    if (!api) {
      out[attribute.name] = null
      continue
    }
    const raw = getPath(model, api.readPath ?? api.path) ?? getPath(model, api.path)
    out[attribute.name] = attributeFromApi(attribute, api, raw)
  }
  for (const nested of block.blocks) {
    const raw = nested.api ? getPath(model, nested.api.path) : undefined
    if (nested.nesting === 'single') {
      out[nested.name] = isRecord(raw) ? fromApi(nested.block, raw) : null
    } else {
      out[nested.name] = Array.isArray(raw)
        ? raw.filter(isRecord).map(item => fromApi(nested.block, item))
        : []
    }
  }
  return out
}

function attributeFromApi(attribute: Attribute, api: ApiBinding, raw: unknown): TfValue {
  if (raw === undefined || raw === null) return null
  switch (api.transform ?? 'plain') {
    case 'tags':
    case 'name-value': {
      if (!Array.isArray(raw) || raw.length === 0) return null
      const keyName = api.transform === 'tags' ? 'key' : 'name'
      const out: TfObject = {}
      for (const entry of raw.filter(isRecord)) {
        const key = entry[keyName]
        const value = entry['value']
        if (typeof key === 'string') out[key] = typeof value === 'string' ? value : ''
      }
      return out
    }
    case 'json':
      return JSON.stringify(raw)
    case 'arn-ref':
    case 'plain':
      return plainFromApi(raw)
  }
}

function plainFromApi(raw: unknown): TfValue {
  if (raw === undefined || raw === null) return null
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw
  if (Array.isArray(raw)) return raw.length === 0 ? null : raw.map(plainFromApi)
  if (isRecord(raw)) {
    const entries = Object.entries(raw)
    if (entries.length === 0) return null
    const out: TfObject = {}
    for (const [key, item] of entries) out[key] = plainFromApi(item)
    return out
  }
  return null
}
