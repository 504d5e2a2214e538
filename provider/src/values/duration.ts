/**
 * Durations as Terraform users write them in a `timeouts` block: Go's time.ParseDuration format
 * (`20m`, `90s`, `1h30m`, `1.5h`, `500ms`), which the AWS provider's `timeouts` take too.
 */
import { badValue } from '../errors.js'

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy

/**
 * The milliseconds `text` means. Throws a bad-value error about `path` for anything else: an empty
 * text, a number without a unit, an unknown unit, a sign (a timeout cannot be negative).
 */
export function parseDuration(text: string, path: readonly (string | number)[]): number {
  const problem = `"${text}" is not a duration such as 20m, 90s or 1h30m`
  if (text === '0') return 0
  if (text === '') throw badValue(path, problem)
  PART.lastIndex = 0
  let total = 0
  let end = 0
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    const [, amount = '', unit = ''] = match
    total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN)
    end = PART.lastIndex
  }
  if (end !== text.length || !Number.isFinite(total)) throw badValue(path, problem)
  return total
}

/** `ms` as a short text for messages: `20m`, `1h30m`, `2.5s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${String(ms)}ms`
  const hours = Math.floor(ms / 3_600_000)
  const minutes = Math.floor((ms % 3_600_000) / 60_000)
  const seconds = (ms % 60_000) / 1000
  const parts = [
    hours > 0 ? `${String(hours)}h` : '',
    minutes > 0 ? `${String(minutes)}m` : '',
    seconds > 0 ? `${String(Number(seconds.toFixed(3)))}s` : '',
  ]
  return parts.join('')
}
