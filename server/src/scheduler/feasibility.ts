/**
 * Feasibility checkers, one concern each, in ECS's order (ECS-NOTES section 4): agent, resources,
 * required attributes, then the binding constraints. Each returns the reason it rejects an
 * instance, or undefined; the first reason wins, as ECS reports one reason per instance.
 */
import { evaluate } from '../query/index.js'
import { agentConnectedNow, queryTarget } from '../resources/container-instances.js'
import { shortfall } from '../resources/reservations.js'
import type { InstanceSnapshot, PlacementRequest, RejectReason } from './types.js'

/** The mutable view a checker reads: the snapshot plus what this request placed so far. */
export interface CandidateState {
  readonly snapshot: InstanceSnapshot
  /** Remaining resources after this request's earlier placements. */
  remaining: InstanceSnapshot['instance']['remainingResources']
  /**
   * Task groups on the instance including this request's earlier placements; replaced, never
   * changed in place (it starts as the snapshot's own list).
   */
  taskGroups: readonly string[]
}

/**
 * A single-instance check. `now` (epoch ms, default the clock) is the instant the request is
 * placed at: the stack reads the clock once per request rather than once per instance.
 */
export type FeasibilityChecker = (
  candidate: CandidateState,
  request: PlacementRequest,
  now?: number,
) => RejectReason | undefined

/** Only instances whose agent is connected (within its lease at `now`) take tasks. */
export const agentChecker: FeasibilityChecker = ({ snapshot }, _request, now = Date.now()) =>
  agentConnectedNow(snapshot.instance, now) ? undefined : 'AGENT'

/** CPU, MEMORY and static host ports against what is left. */
export const resourceChecker: FeasibilityChecker = (candidate, request) =>
  shortfall(candidate.remaining, request.resources)

/** The task definition's `requiresAttributes`: each present, with the value when one is given. */
export const attributeChecker: FeasibilityChecker = ({ snapshot }, request) => {
  if (request.requiresAttributes.length === 0) return undefined
  const attributes = new Map(snapshot.instance.attributes.map(a => [a.name, a.value]))
  for (const wanted of request.requiresAttributes) {
    if (!attributes.has(wanted.name)) return 'ATTRIBUTE'
    if (wanted.value !== undefined && attributes.get(wanted.name) !== wanted.value)
      return 'ATTRIBUTE'
  }
  return undefined
}

/** `memberOf` and `distinctInstance`, evaluated with the groups placed so far. */
export const constraintChecker: FeasibilityChecker = (candidate, request) => {
  for (const constraint of request.constraints) {
    if (constraint.type === 'distinctInstance') {
      if (candidate.taskGroups.includes(request.group))
        return 'DistinctInstance placement constraint unsatisfied.'
    } else {
      const target = {
        ...queryTarget(candidate.snapshot.instance),
        taskGroups: candidate.taskGroups,
      }
      if (!evaluate(constraint.expression, target))
        return 'MemberOf placement constraint unsatisfied.'
    }
  }
  return undefined
}

/** The checkers in the order they run. */
export const CHECKERS: readonly FeasibilityChecker[] = [
  agentChecker,
  resourceChecker,
  attributeChecker,
  constraintChecker,
]
