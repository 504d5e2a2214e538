/**
 * Choosing among feasible instances: every candidate gets one key per strategy (./rank.ts), the
 * keys are compared in the request's order (each breaking the ties of the ones before, as ECS
 * composes strategies), and the pick is random among the candidates still tied at the end.
 * Strategies are best effort in ECS: they order the feasible, never reject one.
 */
import type { CandidateState } from './feasibility.js'
import type { Ranker } from './rank.js'
import type { Random, Rank } from './types.js'

/** `a` before `b` (negative), after (positive) or tied (0), key by key. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/**
 * The chosen candidate (undefined when none is feasible) and the rank of every feasible one, in
 * the order of `feasible`; `rankers` are the request's strategies in order (./rank.ts).
 */
export function selectInstance(
  feasible: readonly CandidateState[],
  rankers: readonly Ranker[],
  random: Random,
): { chosen: CandidateState | undefined; ranks: Rank[] } {
  if (feasible.length === 0) return { chosen: undefined, ranks: [] }
  const ranks: Rank[] = []
  let best: CandidateState[] = []
  let bestKeys: number[] | undefined
  for (const candidate of feasible) {
    const keys = rankers.map(r => r.key(candidate))
    ranks.push({ instanceId: candidate.snapshot.id, keys })
    const order = bestKeys === undefined ? -1 : compareKeys(keys, bestKeys)
    if (order < 0) {
      best = [candidate]
      bestKeys = keys
    } else if (order === 0) best.push(candidate)
  }
  return { chosen: best[random(best.length)] ?? best[0], ranks }
}
