/**
 * Renders the generator's output: one TypeScript module holding the schemas and, per resource and
 * data source, the interface of its API model (the plain typed object its backend takes).
 */
import type { CtyType } from '../../values/types.js'
import type { ApiBinding, Block, ProviderSchemas } from '../types.js'
import type { Overlay } from './overlay.js'

type Tree = Map<string, Tree | string>

function leafType(type: CtyType, binding: ApiBinding): string {
  switch (binding.transform ?? 'plain') {
    case 'tags':
      return '{ key?: string; value?: string }[]'
    case 'name-value':
      return '{ name?: string; value?: string }[]'
    case 'json':
      return 'unknown'
    case 'arn-ref':
      return 'string'
    case 'plain':
      return ctyToTs(type)
  }
}

function ctyToTs(type: CtyType): string {
  if (type === 'string') return 'string'
  if (type === 'number') return 'number'
  if (type === 'bool') return 'boolean'
  if (type === 'dynamic') return 'unknown'
  const [kind, inner] = type
  if (kind === 'list' || kind === 'set') return `${ctyToTs(inner)}[]`
  if (kind === 'map') return `Record<string, ${ctyToTs(inner)}>`
  return 'unknown'
}

function place(tree: Tree, path: readonly string[], value: Tree | string): void {
  const [head, ...rest] = path
  if (head === undefined) return
  if (rest.length === 0) {
    const existing = tree.get(head)
    if (existing instanceof Map && value instanceof Map) {
      for (const [key, sub] of value) existing.set(key, sub)
    } else tree.set(head, value)
    return
  }
  let next = tree.get(head)
  if (!(next instanceof Map)) {
    next = new Map()
    tree.set(head, next)
  }
  place(next, rest, value)
}

function blockTree(block: Block): Tree {
  const tree: Tree = new Map()
  for (const attribute of block.attributes) {
    if (!attribute.api) continue
    const ts = leafType(attribute.type, attribute.api)
    place(tree, attribute.api.path, ts)
    if (attribute.api.readPath) place(tree, attribute.api.readPath, ts)
  }
  for (const nested of block.blocks) {
    if (!nested.api) continue
    const inner = blockTree(nested.block)
    if (nested.nesting === 'single') place(tree, nested.api.path, inner)
    else place(tree, nested.api.path, `${render(inner, '')}[]`)
  }
  return tree
}

function render(tree: Tree, indent: string): string {
  const lines = [...tree].map(([key, value]) => {
    const type =
      typeof value === 'string'
        ? value.replaceAll('\n', `\n${indent}  `)
        : render(value, `${indent}  `)
    return `${indent}  ${key}?: ${type}`
  })
  return `{\n${lines.join('\n')}\n${indent}}`
}

/** The generated module's full text; `banner` is its first line(s), already commented. */
export function emitModule(banner: string, schemas: ProviderSchemas, overlay: Overlay): string {
  const out = [
    banner,
    '',
    "import type { ProviderSchemas } from '../schema/types.js'",
    '',
    '/** Every schema the provider serves, with API bindings and checks. */',
    `export const schemas: ProviderSchemas = ${JSON.stringify(schemas, null, 2)}`,
  ]
  const models: [string, string, Block][] = []
  for (const [name, entry] of Object.entries(overlay.resources)) {
    const schema = schemas.resources[name]
    if (entry.model && schema) models.push([entry.model, `resource ${name}`, schema.block])
  }
  for (const [name, entry] of Object.entries(overlay.dataSources)) {
    const schema = schemas.dataSources[name]
    if (entry.model && schema) models.push([entry.model, `data source ${name}`, schema.block])
  }
  for (const [model, what, block] of models) {
    out.push('', `/** The API model of ${what}: ECS member names, as its backend takes them. */`)
    out.push(`export interface ${model} ${render(blockTree(block), '')}`)
  }
  return `${out.join('\n')}\n`
}
