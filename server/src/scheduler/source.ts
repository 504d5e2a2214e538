/**
 * What the caller must read for the stack's source stage. Reading every instance, or every task
 * for its group, costs more than placing on a large cluster, so a request asks only for what its
 * stages use:
 *
 * - task groups, for `distinctInstance`, a `memberOf` on `task:group`, or a `spread` (which counts
 *   the tasks of the request's group per bucket);
 * - every instance, for `spread` and `binpack`: they rank the whole cluster, as nomad lifts its
 *   candidate limit for spreads. `random` alone is as well served by a random window.
 */
import type { PlacementRequest } from './types.js'

/** Whether the snapshot must carry the groups of the instances' tasks. */
export function needsTaskGroups(request: PlacementRequest): boolean {
  return (
    request.constraints.some(c => c.type === 'distinctInstance' || c.text.includes('task:group')) ||
    request.strategies.some(s => s.type === 'spread')
  )
}

/** Whether the strategies rank the whole cluster rather than a random window of it. */
export function ranksWholeCluster(request: PlacementRequest): boolean {
  return request.strategies.some(s => s.type !== 'random')
}
