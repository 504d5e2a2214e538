/**
 * Closing the spec's schemas. The spec leaves every structure open (no `additionalProperties`),
 * so that requests from newer clients with members this model lacks are accepted; an answer of
 * ours must not carry such members, so the answer check validates against closed copies, in
 * which a structure refuses every member it does not list. Pure: the input is never changed.
 */

/** A JSON Schema node as far as closing reads it. */
type SchemaNode = Readonly<Record<string, unknown>>

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs'] as const
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'contains'] as const

/**
 * A copy of `schema` in which every `type: "object"` schema without `additionalProperties` gets
 * `additionalProperties: false`. Maps (an `additionalProperties` schema) stay as they are, their
 * value schemas closed; `$ref`s are left to point at whatever the referenced schema is, so close
 * the whole document (see {@link closeSchemas}). Composition keywords are walked too, but a
 * structure built with `allOf` would refuse its own members: the spec uses none.
 */
export function closeSchema(schema: unknown): unknown {
  if (!isNode(schema)) return schema
  const out: Record<string, unknown> = { ...schema }
  for (const key of SUBSCHEMAS) if (key in out) out[key] = closeSchema(out[key])
  for (const key of SUBSCHEMA_LISTS) {
    const list = out[key]
    if (Array.isArray(list)) out[key] = list.map(closeSchema)
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = out[key]
    if (isNode(map))
      out[key] = Object.fromEntries(Object.entries(map).map(([name, s]) => [name, closeSchema(s)]))
  }
  if (out['type'] === 'object' && !('additionalProperties' in out))
    out['additionalProperties'] = false
  return out
}

/** Every schema of `schemas` (a spec's `components.schemas`) closed by {@link closeSchema}. */
export function closeSchemas(schemas: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, closeSchema(s)]))
}
