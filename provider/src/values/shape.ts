/**
 * Schema-guided shaping of object values. Terraform wants every object a provider returns to have
 * the full shape of its schema: every attribute present (null when unset), list and set blocks as
 * arrays (empty rather than null), single nested blocks as an object or null.
 */
import type { Block } from '../schema/types.js'
import { isObject } from './types.js'
import type { TfObject, TfValue } from './types.js'

/** `value` in the full shape of `block`; a null or non-object value gives the all-null shape. */
export function conform(block: Block, value: TfValue | undefined): TfObject {
  const source: TfObject = isObject(value) ? value : {}
  const out: TfObject = {}
  for (const attribute of block.attributes) out[attribute.name] = source[attribute.name] ?? null
  for (const nested of block.blocks) {
    const item = source[nested.name]
    if (nested.nesting === 'single') {
      out[nested.name] = isObject(item) ? conform(nested.block, item) : null
    } else {
      out[nested.name] = Array.isArray(item) ? item.map(entry => conform(nested.block, entry)) : []
    }
  }
  return out
}

/** Looks a value up by attribute path; undefined when the path leads nowhere. */
export function valueAt(value: TfValue, path: readonly (string | number)[]): TfValue | undefined {
  let current: TfValue | undefined = value
  for (const step of path) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step]
    else if (isObject(current) && typeof step === 'string') current = current[step]
    else return undefined
  }
  return current
}
