/**
 * Typed readings of query values: agent versions, registration times, task counts. Shared by the
 * parser (to refuse a bad argument up front) and the evaluator (to compare).
 */

/** Parses a dotted numeric version (`1.14.5`); `undefined` if it is not one. */
export function parseVersion(text: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(text)) return undefined
  return text.split('.').map(Number)
}

/** Compares dotted versions part by part as numbers; missing parts count as 0 (`1.2` = `1.2.0`). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0)
    if (diff !== 0) return Math.sign(diff)
  }
  return 0
}

/** A point in time as written in a query, with the precision it was written at. */
export interface QueryTime {
  readonly time: number
  readonly precision: 'day' | 'second'
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?$/
const DAY_MS = 86_400_000

/**
 * Parses the `registeredAt` formats ECS documents: `2018-06-18T22:28:28+00:00`,
 * `2018-06-18T22:28:28Z`, `2018-06-18T22:28:28` (UTC) and `2018-06-18` (UTC midnight).
 * Out-of-range fields (month 13, 31 February, hour 24) are refused.
 */
export function parseQueryTime(text: string): QueryTime | undefined {
  const date = DATE.exec(text)
  const match = date ?? DATE_TIME.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone = 'Z'] = match
  const fields = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const [year, month, day, hour, minute, second] = fields
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(utc)
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second
  if (!valid) return undefined
  let offset = 0
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const [zh, zm] = zone.slice(1).split(':').map(Number) as [number, number]
    if (zh > 23 || zm > 59) return undefined
    offset = sign * (zh * 60 + zm) * 60_000
  }
  return { time: utc - offset, precision: date ? 'day' : 'second' }
}

/**
 * Compares an instance's registration time with a query time at the query's precision: the
 * instance time is cut down to the whole second, or to the UTC day for a date-only value, so
 * `registeredAt == 2018-06-18` holds all that day and `registeredAt > 2018-06-18` means later days.
 */
export function compareTimes(instant: number, query: QueryTime): number {
  const unit = query.precision === 'day' ? DAY_MS : 1000
  return Math.sign(Math.floor(instant / unit) * unit - query.time)
}

/** Parses a non-negative whole number written in decimal (`runningTasksCount` arguments). */
export function parseCount(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined
}
