/**
 * The schema generator's pure core: spec shapes + overlay -> the provider's schemas. Types, nested
 * members, enums and limits come from the spec; names and behaviour from the overlay.
 */
import { badOverlay, badSpec } from '../../errors.js'
import type { CtyType } from '../../values/types.js'
import type {
  ApiBinding,
  Attribute,
  Block,
  Check,
  NestedBlock,
  ProviderSchemas,
  Schema,
} from '../types.js'
import type { Overlay, OverlayAttribute, OverlayEntry } from './overlay.js'
import { snakeCase } from './spec.js'
import type { Spec, SpecMember, SpecSchema } from './spec.js'

interface Context {
  readonly spec: Spec
  readonly roots: readonly SpecSchema[]
  readonly forceNewAll: boolean
  readonly where: string
}

/** Builds every schema the provider serves. */
export function buildSchemas(spec: Spec, overlay: Overlay): ProviderSchemas {
  const resources: Record<string, Schema> = {}
  for (const [name, entry] of Object.entries(overlay.resources)) {
    resources[name] = buildEntry(spec, entry, name)
  }
  const dataSources: Record<string, Schema> = {}
  for (const [name, entry] of Object.entries(overlay.dataSources)) {
    dataSources[name] = buildEntry(spec, entry, `data.${name}`)
  }
  return { provider: buildEntry(spec, overlay.provider, 'provider'), resources, dataSources }
}

function buildEntry(spec: Spec, entry: OverlayEntry, where: string): Schema {
  const roots = (entry.shapes ?? []).map(name => spec.shape(name))
  const context: Context = { spec, roots, forceNewAll: entry.forceNewAll ?? false, where }
  return { version: 0, block: buildBlock(context, entry.attributes, entry.description) }
}

function buildBlock(
  context: Context,
  attributes: Readonly<Record<string, OverlayAttribute>>,
  description: string,
): Block {
  const built: Attribute[] = []
  const blocks: NestedBlock[] = []
  for (const [name, overlay] of Object.entries(attributes)) {
    const where = `${context.where}.${name}`
    const member =
      overlay.path === undefined ? undefined : context.spec.member(context.roots, overlay.path)
    if (overlay.path !== undefined && !member) {
      throw badSpec(`${where}: no member "${overlay.path}" in the shapes this entry names`)
    }
    if (overlay.read !== undefined && !context.spec.member(context.roots, overlay.read)) {
      throw badSpec(`${where}: no member "${overlay.read}" to read "${name}" from`)
    }
    if (overlay.block) blocks.push(nestedBlock(context, name, overlay, member, where))
    else built.push(attribute(context, name, overlay, member, where))
  }
  return { description, attributes: built, blocks }
}

function binding(overlay: OverlayAttribute): ApiBinding | undefined {
  if (overlay.path === undefined) return undefined
  return {
    path: overlay.path.split('.'),
    ...(overlay.read === undefined ? {} : { readPath: overlay.read.split('.') }),
    ...(overlay.transform === undefined ? {} : { transform: overlay.transform }),
  }
}

function describe(overlay: OverlayAttribute, member: SpecMember | undefined): string {
  if (overlay.description !== undefined) return overlay.description
  const fromSpec = (member?.description ?? '').replace(/^(Optional|Required)\. /, '')
  return `${overlay.path ?? ''}: ${fromSpec}`.trim()
}

function nestedBlock(
  context: Context,
  name: string,
  overlay: OverlayAttribute,
  member: SpecMember | undefined,
  where: string,
): NestedBlock {
  const nesting = overlay.block ?? 'list'
  if (!member) return providerBlock(context, name, overlay, nesting, where)
  const item = nesting === 'single' ? member.schema : context.spec.deref(member.schema.items ?? {})
  if (!item.properties) throw badSpec(`${where}: "${overlay.path ?? ''}" is not a structure`)
  const attributes = overlay.attributes ?? autoAttributes(context.spec, item)
  const inner: Context = { ...context, roots: [item], forceNewAll: false, where }
  const maxItems = overlay.maxItems ?? member.schema.maxItems
  const forceNew = (overlay.forceNew ?? false) || context.forceNewAll
  const api = binding(overlay)
  return {
    name,
    nesting,
    ...(maxItems === undefined || nesting === 'single' ? {} : { maxItems }),
    ...(forceNew ? { forceNew } : {}),
    ...(api ? { api } : {}),
    block: buildBlock(inner, attributes, describe(overlay, member)),
  }
}

/**
 * A block with no API member (`timeouts`): only the provider reads it, so its attributes are
 * listed in the overlay, each with a `type`.
 */
function providerBlock(
  context: Context,
  name: string,
  overlay: OverlayAttribute,
  nesting: NestedBlock['nesting'],
  where: string,
): NestedBlock {
  if (!overlay.attributes) throw badOverlay(`${where}: a block needs a "path" or "attributes"`)
  const inner: Context = { ...context, roots: [], forceNewAll: false, where }
  return {
    name,
    nesting,
    ...(overlay.maxItems === undefined || nesting === 'single'
      ? {}
      : { maxItems: overlay.maxItems }),
    block: buildBlock(inner, overlay.attributes, overlay.description ?? ''),
  }
}

/** Every member of a structure, snake_cased; nested structures become single blocks. */
function autoAttributes(spec: Spec, item: SpecSchema): Record<string, OverlayAttribute> {
  const out: Record<string, OverlayAttribute> = {}
  for (const [memberName, raw] of Object.entries(item.properties ?? {})) {
    const schema = spec.deref(raw)
    const required = item.required?.includes(memberName) ?? false
    const flag = required ? { required: true } : { optional: true }
    if (schema.properties) out[snakeCase(memberName)] = { path: memberName, block: 'single' }
    else if (schema.type === 'array' && spec.deref(schema.items ?? {}).properties) {
      out[snakeCase(memberName)] = { path: memberName, block: 'list' }
    } else out[snakeCase(memberName)] = { path: memberName, ...flag }
  }
  return out
}

function attribute(
  context: Context,
  name: string,
  overlay: OverlayAttribute,
  member: SpecMember | undefined,
  where: string,
): Attribute {
  const type = overlay.type ?? typeOf(context.spec, overlay, member, where)
  const computed = overlay.computed ?? false
  const required = overlay.required ?? false
  const optional = overlay.optional ?? (!required && !computed)
  const forceNew = !(computed && !optional) && ((overlay.forceNew ?? false) || context.forceNewAll)
  const check = member ? checkOf(context.spec, member.schema, overlay) : undefined
  const api = binding(overlay)
  return {
    name,
    type,
    description: describe(overlay, member),
    ...(required ? { required } : {}),
    ...(optional ? { optional } : {}),
    ...(computed ? { computed } : {}),
    ...(overlay.sensitive ? { sensitive: true } : {}),
    ...(forceNew ? { forceNew } : {}),
    ...(api ? { api } : {}),
    ...(check ? { check } : {}),
  }
}

function typeOf(
  spec: Spec,
  overlay: OverlayAttribute,
  member: SpecMember | undefined,
  where: string,
): CtyType {
  switch (overlay.transform) {
    case 'tags':
    case 'name-value':
      return ['map', 'string']
    case 'json':
    case 'arn-ref':
      return 'string'
    case undefined:
      break
  }
  if (!member) throw badOverlay(`${where}: needs "type" or "path"`)
  return ctyOf(spec, member.schema, overlay.collection ?? 'list', where)
}

function ctyOf(spec: Spec, schema: SpecSchema, collection: 'list' | 'set', where: string): CtyType {
  switch (schema.type ?? 'none') {
    case 'string':
      return 'string'
    case 'integer':
    case 'number':
      return 'number'
    case 'boolean':
      return 'bool'
    case 'array':
      return [collection, ctyOf(spec, spec.deref(schema.items ?? {}), 'list', where)]
    case 'object':
      if (schema.additionalProperties) {
        return ['map', ctyOf(spec, spec.deref(schema.additionalProperties), 'list', where)]
      }
      break
    default:
      break
  }
  throw badOverlay(`${where}: a structure or document member needs "block" or a transform`)
}

function checkOf(spec: Spec, schema: SpecSchema, overlay: OverlayAttribute): Check | undefined {
  const check: Record<string, unknown> = {}
  if (overlay.transform === 'json') check['json'] = schema.type === 'array' ? 'array' : 'object'
  else if (overlay.transform === undefined) {
    const scalar = schema.type === 'array' ? spec.deref(schema.items ?? {}) : schema
    if (scalar.enum) check['enum'] = scalar.enum
    if (scalar.minLength !== undefined) check['minLength'] = scalar.minLength
    if (scalar.maxLength !== undefined) check['maxLength'] = scalar.maxLength
    if (scalar.minimum !== undefined) check['minimum'] = scalar.minimum
    if (scalar.maximum !== undefined) check['maximum'] = scalar.maximum
  }
  if (schema.maxItems !== undefined) check['maxItems'] = schema.maxItems
  return Object.keys(check).length > 0 ? check : undefined
}
