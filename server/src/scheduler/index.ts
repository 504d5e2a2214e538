/**
 * The task scheduler's placement function (see README.md): pure, over a snapshot of a cluster.
 */
export type {
  Constraint,
  InstanceSnapshot,
  Placement,
  PlacementRequest,
  PlacementResult,
  Random,
  Rank,
  Rejection,
  RejectReason,
  Strategy,
} from './types.js'
export { CHECKERS, type CandidateState, type FeasibilityChecker } from './feasibility.js'
export { parseConstraints, parseStrategies } from './placement-strategy.js'
export { place } from './stack.js'
export { REPLICA_SERVICE_STRATEGIES, RUN_TASK_STRATEGIES } from './defaults.js'
export { needsTaskGroups, ranksWholeCluster } from './source.js'
export type { RankContext, Ranker, Scorer } from './rank.js'
