/**
 * The placement stack: source (ACTIVE instances of the snapshot) -> feasibility checkers ->
 * rank by the strategies and select one of the feasible -> reserve in the working copy (so the
 * next task's ranks see it) -> repeat for `count`.
 * Pure: the caller persists the placements and reservations in its own transaction.
 */
import { reserve } from '../resources/reservations.js'
import { CHECKERS, type CandidateState, type FeasibilityChecker } from './feasibility.js'
import { RUN_TASK_STRATEGIES } from './defaults.js'
import { scorerOf } from './rank.js'
import { RankTable } from './select.js'
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
  // No strategy given: RunTask's default (a service passes its own, ./defaults.ts).
  const strategies = request.strategies.length > 0 ? request.strategies : RUN_TASK_STRATEGIES
  const placements: Placement[] = []
  const now = Date.now()
  const reasonOf = (candidate: CandidateState): RejectReason | undefined => {
    for (let i = 0; i < checkers.length; i++) {
      const reason = (checkers[i] as FeasibilityChecker)(candidate, request, now)
      if (reason !== undefined) return reason
    }
    return undefined
  }
  // Every checker reads only its own candidate, so a placement changes the verdict of the
  // chosen candidate alone: the others are checked once per request, not once per task.
  const candidates: CandidateState[] = []
  const reasons = new Map<CandidateState, RejectReason>()
  const feasible: CandidateState[] = []
  for (const snapshot of instances) {
    if (snapshot.instance.status !== 'ACTIVE') continue
    const candidate: CandidateState = {
      snapshot,
      remaining: snapshot.instance.remainingResources,
      // Shared until this request places a task there (copied then, below).
      taskGroups: snapshot.taskGroups,
    }
    candidates.push(candidate)
    const reason = reasonOf(candidate)
    if (reason === undefined) feasible.push(candidate)
    else reasons.set(candidate, reason)
  }
  const rankers = strategies.map(s => scorerOf(s)({ candidates, request, random }))
  const table = new RankTable(feasible, rankers)
  for (let i = 0; i < request.count; i++) {
    const selection = table.select(random)
    const chosen = selection.chosen
    if (!chosen) break
    chosen.remaining = reserve(chosen.remaining, request.resources)
    chosen.taskGroups = [...chosen.taskGroups, request.group]
    for (const ranker of rankers) ranker.placed(chosen)
    placements.push({
      instanceId: chosen.snapshot.id,
      get ranks() {
        return selection.ranks
      },
    })
    const reason = reasonOf(chosen)
    if (reason !== undefined) reasons.set(chosen, reason)
    table.placed(selection.row, reason === undefined)
  }
  // Rejections are reported only when some task could not be placed, as ECS does.
  const rejections =
    placements.length < request.count
      ? candidates.flatMap(c => {
          const reason = reasons.get(c)
          return reason === undefined
            ? []
            : [{ arn: c.snapshot.instance.containerInstanceArn, reason }]
        })
      : []
  return { placements, rejections }
}
