/**
 * When two values of one attribute mean the same thing. The API answers in its own normal form
 * (ARNs where the user wrote names, JSON with keys reordered); keeping the user's spelling when it
 * means the same keeps plans empty, and anything else is real drift.
 */
import type { Attribute, Block, NestedBlock } from '../schema/types.js'
import { sameContainerDefinitions } from './container-definitions.js'
import { UNKNOWN, isObject } from './types.js'
import type { TfObject, TfValue } from './types.js'

/** Canonical JSON-ready form: no nulls, no empty collections, keys sorted, sets sorted. */
function canonical(value: unknown, unordered: boolean): unknown {
  if (value === null || value === undefined) return undefined
  if (Array.isArray(value)) {
    const items = value.map(item => canonical(item, false)).filter(item => item !== undefined)
    if (items.length === 0) return undefined
    return unordered ? items.map(item => JSON.stringify(item)).sort() : items
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const item = canonical((value as Record<string, unknown>)[key], false)
      if (item !== undefined) out[key] = item
    }
    return Object.keys(out).length === 0 ? undefined : out
  }
  return value
}

function sameCanonical(a: unknown, b: unknown, unordered: boolean): boolean {
  return JSON.stringify(canonical(a, unordered)) === JSON.stringify(canonical(b, unordered))
}

function parseJson(text: TfValue): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    // not JSON: compared as text
    return text
  }
}

/** `arn:...:task-definition/web:3` names what `web:3` (or `web`) names; `.../cluster/a` what `a` does. */
function sameReference(a: string, b: string): boolean {
  if (a === b) return true
  const [long, short] = a.length >= b.length ? [a, b] : [b, a]
  if (!long.startsWith('arn:')) return false
  const resource = long.slice(long.indexOf('/') + 1)
  return resource === short || resource.startsWith(`${short}:`)
}

/** True when `a` and `b`, two values of `attribute`, mean the same thing. */
export function sameAttributeValue(attribute: Attribute, a: TfValue, b: TfValue): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return a === b
  const transform = attribute.api?.transform
  // ECS fills defaults into container definitions: compared as the AWS provider compares them
  if (transform === 'json' && attribute.api?.path[0] === 'containerDefinitions') {
    return sameContainerDefinitions(parseJson(a), parseJson(b))
  }
  if (transform === 'json') return sameCanonical(parseJson(a), parseJson(b), false)
  if (transform === 'arn-ref' && typeof a === 'string' && typeof b === 'string') {
    return sameReference(a, b)
  }
  const type = attribute.type
  return sameCanonical(a, b, Array.isArray(type) && type[0] === 'set')
}

/** True when two values of a nested block mean the same thing, attribute by attribute. */
export function sameBlockValue(nested: NestedBlock, a: TfValue, b: TfValue): boolean {
  if (nested.nesting === 'single') {
    if (!isObject(a) || !isObject(b)) return sameCanonical(a, b, false)
    return sameObject(nested.block, a, b)
  }
  const left = Array.isArray(a) ? a.filter(isObject) : []
  const right = Array.isArray(b) ? b.filter(isObject) : []
  if (left.length !== right.length) return false
  if (nested.nesting === 'list')
    return left.every((item, i) => sameObject(nested.block, item, right[i] ?? {}))
  return left.every(item => right.some(other => sameObject(nested.block, item, other)))
}

/** True when two objects of `block` mean the same thing. */
export function sameObject(block: Block, a: TfObject, b: TfObject): boolean {
  return (
    block.attributes.every(attr =>
      sameAttributeValue(attr, a[attr.name] ?? null, b[attr.name] ?? null),
    ) &&
    block.blocks.every(nested =>
      sameBlockValue(nested, a[nested.name] ?? null, b[nested.name] ?? null),
    )
  )
}

/**
 * `fresh` (what the API says now), keeping each of `reference`'s values (the plan, or the prior
 * state) that means the same; top-level attributes and blocks are compared one by one.
 */
export function keepEquivalent(block: Block, fresh: TfObject, reference: TfObject): TfObject {
  const out: TfObject = { ...fresh }
  for (const attribute of block.attributes) {
    const kept = reference[attribute.name] ?? null
    if (sameAttributeValue(attribute, fresh[attribute.name] ?? null, kept))
      out[attribute.name] = kept
  }
  for (const nested of block.blocks) {
    const kept = reference[nested.name] ?? null
    if (sameBlockValue(nested, fresh[nested.name] ?? null, kept)) out[nested.name] = kept
  }
  return out
}
