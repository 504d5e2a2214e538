/**
 * The service scheduler's decision for one REPLICA service, as a pure function of the service and
 * its tasks (ECS-NOTES section 5): the tasks counted are those whose desiredStatus is RUNNING,
 * across all deployments. A task PENDING on a DRAINING instance is stopped at once; a surplus of
 * the tasks not to replace stops the tasks ./scale-in.ts picks; unhealthy tasks and tasks RUNNING
 * on a DRAINING instance are replaced within the deployment bounds (./bounds.ts); a shortfall
 * starts tasks as far as the bounds and the per-service launch pace allow. A deployment whose
 * tasks keep failing to start launches nothing while its back-off (./launch-backoff.ts) runs. The
 * caller places and writes in a transaction.
 */
import { boundedStep, deploymentBounds } from './bounds.js'
import type { SchedulerHealth } from './health.js'
import { pickScaleIn, type ScaleInStrategy, type ServiceTaskView } from './scale-in.js'

export type { ServiceTaskView } from './scale-in.js'

/** A task as the reconcile reads it: the scale-in view, its health and its instance's state. */
export interface ReconcileTask extends ServiceTaskView {
  /** How the scheduler counts it (./health.ts). */
  readonly health: SchedulerHealth
  /** True when its instance is DRAINING. */
  readonly draining: boolean
}

/** What {@link reconcile} reads. */
export interface ReconcileInput {
  /** The service's desiredCount (0 for a DRAINING service). */
  readonly desiredCount: number
  /** The service's tasks that have not stopped. */
  readonly tasks: readonly ReconcileTask[]
  /** The service's deploymentConfiguration percentages. */
  readonly minimumHealthyPercent: number
  readonly maximumPercent: number
  /** The PRIMARY deployment's id: tasks of other deployments are stopped first on scale-in. */
  readonly primaryDeployment: string | undefined
  /** The service's placement strategy, for scale-in ([] is the REPLICA default). */
  readonly strategies: readonly ScaleInStrategy[]
  /** Tasks the service launched in the last minute, and how many a minute it may launch. */
  readonly launchedLastMinute: number
  readonly launchesPerMinute: number
  /** True while the PRIMARY deployment's launch back-off runs (./launch-backoff.ts). */
  readonly throttled: boolean
}

/** What to do now. */
export interface ReconcileDecision {
  /** How many tasks to place. */
  readonly start: number
  /** Task ids to stop, in the order picked. */
  readonly stop: readonly string[]
  /** The ids among `stop` that failed their container health checks. */
  readonly failedHealth: readonly string[]
  /** True when tasks are to be replaced but the deployment bounds allow no start and no stop. */
  readonly deadlocked: boolean
  /** True when the shortfall is more than the launch pace allows now. */
  readonly paced: boolean
  /** True when a shortfall waits for the launch back-off (nothing starts). */
  readonly throttled: boolean
  /**
   * True when the service is at desiredCount with every counted task RUNNING and healthy, and
   * nothing to replace.
   */
  readonly steady: boolean
}

const toReplace = (t: ReconcileTask) => t.health === 'UNHEALTHY' || t.draining

export function reconcile(input: ReconcileInput): ReconcileDecision {
  const live = input.tasks.filter(t => t.desiredStatus === 'RUNNING')
  const stop = live.filter(t => t.draining && t.lastStatus === 'PENDING').map(t => t.id)
  let counted = live.filter(t => !stop.includes(t.id))
  // A surplus is counted among the tasks kept: those to replace (and their replacements, within
  // maximumPercent) are the bounded step's.
  const kept = counted.filter(t => !toReplace(t))
  const surplus = kept.length - input.desiredCount
  if (surplus > 0) {
    const picked = pickScaleIn(kept, surplus, input.strategies, input.primaryDeployment)
    stop.push(...picked)
    counted = counted.filter(t => !picked.includes(t.id))
  }
  const step = boundedStep({
    desired: input.desiredCount,
    bounds: deploymentBounds(input.desiredCount, input.minimumHealthyPercent, input.maximumPercent),
    tasks: counted.map(t => ({ id: t.id, healthy: t.health === 'HEALTHY', replace: toReplace(t) })),
  })
  stop.push(...step.stop)
  const failedHealth = input.tasks
    .filter(t => t.health === 'UNHEALTHY' && stop.includes(t.id))
    .map(t => t.id)
  const decided = { stop, failedHealth, deadlocked: step.deadlocked }
  if (step.start > 0) {
    if (input.throttled)
      return { ...decided, start: 0, paced: false, throttled: true, steady: false }
    const allowed = Math.max(0, input.launchesPerMinute - input.launchedLastMinute)
    const start = Math.min(step.start, allowed)
    return { ...decided, start, paced: start < step.start, throttled: false, steady: false }
  }
  const steady =
    stop.length === 0 &&
    counted.length === input.desiredCount &&
    counted.every(t => t.lastStatus === 'RUNNING' && t.health === 'HEALTHY' && !toReplace(t))
  return { ...decided, start: 0, paced: false, throttled: false, steady }
}
