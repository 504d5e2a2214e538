/**
 * Sums the answer-check tally of a test run (test/fixtures/answer-check.ts): how many answers
 * were validated against the spec, and every mismatch and known divergence, by operation and path.
 *
 *   QUAYSIDE_ANSWER_TALLY=/tmp/tally.jsonl npx tap && npx tsx scripts/answer-tally.ts /tmp/tally.jsonl
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface Line {
  file: string
  validated: number
  mismatches: { operation: string; path: string; message: string }[]
  divergences?: { operation: string; type: string }[]
}

const file =
  process.argv[2] ??
  process.env['QUAYSIDE_ANSWER_TALLY'] ??
  join(tmpdir(), 'quayside-answer-check.jsonl')
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter(line => line.trim() !== '')
  .map(line => JSON.parse(line) as Line)
const count = (keys: string[]) => {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts].map(([key, n]) => `  ${String(n)} x ${key}`)
}
const mismatches = lines.flatMap(l =>
  l.mismatches.map(m => `${l.file}: ${m.operation} ${m.path} ${m.message}`),
)
const divergences = lines.flatMap(l => (l.divergences ?? []).map(d => `${d.operation} ${d.type}`))
const validated = lines.reduce((sum, l) => sum + l.validated, 0)
process.stdout.write(
  [
    `${String(validated)} answers validated in ${String(lines.length)} test files: ${String(mismatches.length)} mismatches, ${String(divergences.length)} known divergences`,
    ...count(mismatches),
    ...(divergences.length > 0 ? ['known divergences:', ...count(divergences)] : []),
  ].join('\n') + '\n',
)
process.exitCode = mismatches.length > 0 ? 1 : 0
