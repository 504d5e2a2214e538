/**
 * Task-level `cpu` and `memory` strings as RegisterTaskDefinition accepts them, converted to the
 * integer strings ECS stores and returns:
 *
 * | member   | accepted forms                               | stored as        |
 * |----------|----------------------------------------------|------------------|
 * | `cpu`    | `1024` (CPU units), `1 vCPU`, `0.25 vcpu`    | `"1024"`, `"256"` |
 * | `memory` | `2048` (MiB), `2GB`, `0.5 GB`                | `"2048"`, `"512"` |
 *
 * Unit words are case-insensitive and may be separated by spaces; fractions must come out as
 * whole units (`0.1 vCPU` is 102.4 units and is refused). These are the forms ECS documents for
 * the two members; anything else (`512 MiB`, `1.5`) is refused rather than guessed at.
 */

const PLAIN = /^\s*(\d{1,15})\s*$/
const SCALED = /^\s*(\d{1,9}(?:\.\d{1,9})?)\s*([a-z]+)\s*$/i

function convert(text: string, unit: string): number | undefined {
  const plain = PLAIN.exec(text)
  if (plain) return Number(plain[1])
  const scaled = SCALED.exec(text)
  if (scaled?.[2]?.toLowerCase() !== unit) return undefined
  const value = Number(scaled[1]) * 1024
  return Number.isInteger(value) ? value : undefined
}

/** CPU units from a task `cpu` string, or `undefined` if it is not an accepted form. */
export function parseTaskCpu(text: string): number | undefined {
  return convert(text, 'vcpu')
}

/** MiB from a task `memory` string, or `undefined` if it is not an accepted form. */
export function parseTaskMemory(text: string): number | undefined {
  return convert(text, 'gb')
}
