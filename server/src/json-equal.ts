/**
 * Equality of JSON documents without serialising them: what `JSON.stringify(a) ===
 * JSON.stringify(b)` answers for plain data (objects, arrays, strings, finite numbers, booleans,
 * null), members in the same order and members whose value is undefined left out, as
 * serialisation leaves them out. A tenth of a large RunTask's time went to serialising two
 * copies of each chosen instance only to compare them (../scheduler/cluster-view.ts).
 */

type Members = Record<string, unknown>

/** The index of the next member of `keys` from `at` whose value in `value` is not undefined. */
function nextDefined(value: Members, keys: readonly string[], at: number): number {
  let i = at
  while (i < keys.length && value[keys[i] as string] === undefined) i++
  return i
}

/** Whether `a` and `b` serialise to the same JSON text (see above). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  const left = a as Members
  const right = b as Members
  const leftKeys = Object.keys(left)
  const rightKeys = Object.keys(right)
  let i = nextDefined(left, leftKeys, 0)
  let j = nextDefined(right, rightKeys, 0)
  while (i < leftKeys.length && j < rightKeys.length) {
    const key = leftKeys[i] as string
    if (rightKeys[j] !== key || !sameJson(left[key], right[key])) return false
    i = nextDefined(left, leftKeys, i + 1)
    j = nextDefined(right, rightKeys, j + 1)
  }
  return i === leftKeys.length && j === rightKeys.length
}
