/**
 * The overlay file's format (provider/overlays/resources.json) and its reader. The overlay holds
 * every Terraform name choice; the generator takes everything else from the spec.
 */
import { badOverlay } from '../../errors.js'
import type { CtyType } from '../../values/types.js'
import type { Nesting, Transform } from '../types.js'

/** One attribute or nested block of the overlay. */
export interface OverlayAttribute {
  /**
   * API member path, dot separated; absent for provider-only attributes (which need `type`) and
   * provider-only blocks (which list their `attributes`).
   */
  readonly path?: string
  /** The member path the API answers with, when it differs from `path`. */
  readonly read?: string
  /** Explicit type, for attributes with no API member. */
  readonly type?: CtyType
  readonly description?: string
  readonly required?: boolean
  readonly optional?: boolean
  readonly computed?: boolean
  readonly sensitive?: boolean
  readonly forceNew?: boolean
  readonly transform?: Transform
  /** A list member becomes a set attribute instead of a list. */
  readonly collection?: 'list' | 'set'
  /** Makes the member a nested block of this nesting. */
  readonly block?: Nesting
  readonly maxItems?: number
  /** Nested attributes of a block; absent means "every member, in snake_case". */
  readonly attributes?: Readonly<Record<string, OverlayAttribute>>
}

/** One resource, data source or the provider configuration. */
export interface OverlayEntry {
  readonly description: string
  /** Name of the generated TypeScript interface for the entry's API model. */
  readonly model?: string
  /** Spec shapes whose members `path` names, searched in order. */
  readonly shapes?: readonly string[]
  /** Every attribute forces replacement (immutable API objects such as task definitions). */
  readonly forceNewAll?: boolean
  readonly attributes: Readonly<Record<string, OverlayAttribute>>
}

/** The whole overlay file. */
export interface Overlay {
  readonly provider: OverlayEntry
  readonly resources: Readonly<Record<string, OverlayEntry>>
  readonly dataSources: Readonly<Record<string, OverlayEntry>>
}

const ATTRIBUTE_KEYS = new Set([
  'path',
  'read',
  'type',
  'description',
  'required',
  'optional',
  'computed',
  'sensitive',
  'forceNew',
  'transform',
  'collection',
  'block',
  'maxItems',
  'attributes',
])
const ENTRY_KEYS = new Set(['description', 'model', 'shapes', 'forceNewAll', 'attributes'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkAttributes(where: string, attributes: unknown): void {
  if (!isRecord(attributes)) throw badOverlay(`${where}: "attributes" must be an object`)
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw badOverlay(`${where}: "${name}" is not snake_case`)
    if (!isRecord(attribute)) throw badOverlay(`${where}.${name} must be an object`)
    for (const key of Object.keys(attribute)) {
      if (!ATTRIBUTE_KEYS.has(key)) throw badOverlay(`${where}.${name}: unknown key "${key}"`)
    }
    const providerBlock = attribute['block'] !== undefined && attribute['attributes'] !== undefined
    if (attribute['path'] === undefined && attribute['type'] === undefined && !providerBlock) {
      throw badOverlay(
        `${where}.${name}: needs "path" (an API member), "type", or block attributes`,
      )
    }
    if (attribute['attributes'] !== undefined) {
      checkAttributes(`${where}.${name}`, attribute['attributes'])
    }
  }
}

function checkEntry(where: string, entry: unknown): void {
  if (!isRecord(entry)) throw badOverlay(`${where} must be an object`)
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) throw badOverlay(`${where}: unknown key "${key}"`)
  }
  if (typeof entry['description'] !== 'string') throw badOverlay(`${where}: needs a description`)
  checkAttributes(where, entry['attributes'])
}

/** Checks the overlay's structure (not its agreement with the spec) and returns it typed. */
export function readOverlay(raw: unknown): Overlay {
  if (!isRecord(raw)) throw badOverlay('must be a JSON object')
  checkEntry('provider', raw['provider'])
  for (const group of ['resources', 'dataSources'] as const) {
    const entries = raw[group]
    if (!isRecord(entries)) throw badOverlay(`"${group}" must be an object`)
    for (const [name, entry] of Object.entries(entries)) {
      if (!name.startsWith('quayside_'))
        throw badOverlay(`${group}.${name}: names start with quayside_`)
      checkEntry(`${group}.${name}`, entry)
    }
  }
  return raw as unknown as Overlay
}
