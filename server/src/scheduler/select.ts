/**
 * Choosing among feasible instances. `random` is ECS's RunTask default and the only ordering of
 * this version; `spread` and `binpack` are accepted and fall back to random until the scheduler
 * issue adds their scorers (strategies are best effort in ECS: they never block a placement).
 */
import type { CandidateState } from './feasibility.js'
import type { Random, Strategy } from './types.js'

/** The chosen candidate, or undefined when none is feasible. */
export function selectInstance(
  feasible: readonly CandidateState[],
  _strategies: readonly Strategy[],
  random: Random,
): CandidateState | undefined {
  if (feasible.length === 0) return undefined
  return feasible[random(feasible.length)] ?? feasible[0]
}
