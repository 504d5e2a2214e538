/**
 * JSON types shared by the converter: the generated document is plain JSON, so schemas are open
 * objects rather than a full OpenAPI type tree.
 */

/** A JSON value as the generator writes it. */
export type Json = string | number | boolean | null | readonly Json[] | JsonObject

/** A JSON object: a schema, an operation, the document itself. */
export interface JsonObject {
  readonly [key: string]: Json | undefined
}

/** Where component schemas live; `$ref`s point here. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/'

/** A reference to the component schema of a named shape. */
export function refTo(name: string): JsonObject {
  return { $ref: SCHEMA_REF_PREFIX + name }
}

/** Copies `source` without its undefined members, so optional keys vanish from the JSON. */
export function compact(source: JsonObject): JsonObject {
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined) out[key] = value
  }
  return out
}

/** A new object with the keys of `record` in code-unit order (locale-independent). */
export function sortedByKey<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of Object.keys(record).sort(compareNames)) out[key] = record[key] as T
  return out
}

/** Orders names by UTF-16 code units, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
