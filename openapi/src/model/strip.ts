/**
 * Keys of a botocore model that hold AWS's prose rather than structure. They are dropped wherever
 * they appear, at any depth, so the pinned model carries names and constraints only.
 * `deprecatedMessage` is prose too; the `deprecated` flag and `deprecatedSince` date stay.
 */
export const PROSE_KEYS: ReadonlySet<string> = new Set([
  'documentation',
  'documentationUrl',
  'deprecatedMessage',
])

/**
 * Returns a deep copy of `value` without any {@link PROSE_KEYS} member, keeping key order.
 * Arrays and scalars are copied as they are.
 */
export function stripProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripProse)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (!PROSE_KEYS.has(key)) out[key] = stripProse(child)
  }
  return out
}
