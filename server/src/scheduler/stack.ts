/**
 * The placement stack: source (ACTIVE instances of the snapshot) -> feasibility checkers ->
 * strategy (select one of the feasible) -> reserve in the working copy -> repeat for `count`.
 * Pure: the caller persists the placements and reservations in its own transaction.
 */
import { reserve } from '../resources/reservations.js'
import { CHECKERS, type CandidateState, type FeasibilityChecker } from './feasibility.js'
import { selectInstance } from './select.js'
import type {
  InstanceSnapshot,
  Placement,
  PlacementRequest,
  PlacementResult,
  Random,
  RejectReason,
} from './types.js'

const defaultRandom: Random = n => Math.floor(Math.random() * n)

/**
 * Places up to `request.count` tasks on `instances`. Instances that are not ACTIVE are not
 * candidates at all (DRAINING ones take no new tasks); every candidate that rejects the task
 * at the last attempt appears in `rejections` with its reason.
 */
export function place(
  instances: readonly InstanceSnapshot[],
  request: PlacementRequest,
  options: { random?: Random; checkers?: readonly FeasibilityChecker[] } = {},
): PlacementResult {
  const random = options.random ?? defaultRandom
  const checkers = options.checkers ?? CHECKERS
  const candidates: CandidateState[] = instances
    .filter(s => s.instance.status === 'ACTIVE')
    .map(snapshot => ({
      snapshot,
      remaining: snapshot.instance.remainingResources,
      taskGroups: [...snapshot.taskGroups],
    }))
  const placements: Placement[] = []
  let reasons = new Map<string, RejectReason>()
  for (let i = 0; i < request.count; i++) {
    reasons = new Map()
    const feasible: CandidateState[] = []
    for (const candidate of candidates) {
      let reason: RejectReason | undefined
      for (const check of checkers) {
        reason = check(candidate, request)
        if (reason !== undefined) break
      }
      if (reason === undefined) feasible.push(candidate)
      else reasons.set(candidate.snapshot.instance.containerInstanceArn, reason)
    }
    const chosen = selectInstance(feasible, request.strategies, random)
    if (!chosen) break
    chosen.remaining = reserve(chosen.remaining, request.resources)
    chosen.taskGroups.push(request.group)
    placements.push({ instanceId: chosen.snapshot.id })
  }
  // Rejections are reported only when some task could not be placed, as ECS does.
  const rejections =
    placements.length < request.count ? [...reasons].map(([arn, reason]) => ({ arn, reason })) : []
  return { placements, rejections }
}
