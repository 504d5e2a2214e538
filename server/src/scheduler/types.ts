/**
 * The scheduler's vocabulary: a snapshot of the cluster (the instances and the task groups on
 * them, read in the caller's transaction), a placement request, and the result. The scheduler is
 * pure: it never touches the store, so the caller applies the result in the same transaction
 * that read the snapshot, and a concurrent writer makes the whole transaction retry.
 */
import type { Attribute, PlacementStrategyType } from '@quayside/openapi/types'
import type { Expression } from '../query/index.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import type { TaskResources } from '../task-definitions/index.js'

/** One container instance as the scheduler sees it. */
export interface InstanceSnapshot {
  /** The 32-hex id (store key). */
  readonly id: string
  readonly instance: ContainerInstanceDocument
  /** Groups of the tasks on the instance that are not stopped (one entry per task). */
  readonly taskGroups: readonly string[]
}

/** Why an instance was rejected: ECS's failure reason strings (API failure reasons page). */
export type RejectReason =
  | 'RESOURCE:CPU'
  | 'RESOURCE:MEMORY'
  | 'RESOURCE:PORTS'
  | 'RESOURCE:PORTS_UDP'
  | 'AGENT'
  | 'ATTRIBUTE'
  | 'MemberOf placement constraint unsatisfied.'
  | 'DistinctInstance placement constraint unsatisfied.'

/** A binding constraint, already parsed (see ./placement-strategy.ts). */
export type Constraint =
  | { readonly type: 'distinctInstance' }
  | { readonly type: 'memberOf'; readonly expression: Expression; readonly text: string }

/** A strategy as ECS accepts it (see ./rank.ts for how each orders candidates). */
export interface Strategy {
  readonly type: PlacementStrategyType
  readonly field?: string | undefined
}

/** What to place: `count` copies of one task. */
export interface PlacementRequest {
  readonly count: number
  readonly resources: TaskResources
  /** The task group (`family:<family>` by default); used by distinctInstance and task:group. */
  readonly group: string
  /** Attributes the task definition requires (name, optional value). */
  readonly requiresAttributes: readonly Pick<Attribute, 'name' | 'value'>[]
  readonly constraints: readonly Constraint[]
  readonly strategies: readonly Strategy[]
}

/**
 * One candidate's rank at one placement: a key per strategy, in the request's order; lower is
 * better, and each key only breaks the ties of the keys before it (./rank.ts).
 */
export interface Rank {
  readonly instanceId: string
  readonly keys: readonly number[]
}

/** One placed task: the instance it goes to, and the ranks of every feasible candidate. */
export interface Placement {
  readonly instanceId: string
  readonly ranks: readonly Rank[]
}

/** A rejected instance, for RunTask's `failures`. */
export interface Rejection {
  readonly arn: string
  readonly reason: RejectReason
}

/** The outcome: up to `count` placements, and the last reason each rejected instance gave. */
export interface PlacementResult {
  readonly placements: readonly Placement[]
  readonly rejections: readonly Rejection[]
}

/** Picks an index in [0, n); injectable so that tests are deterministic. */
export type Random = (n: number) => number
