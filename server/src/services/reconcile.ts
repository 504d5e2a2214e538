/**
 * The service scheduler's decision for one REPLICA service, as a pure function of the service and
 * its tasks (ECS-NOTES section 5): the tasks counted are those whose desiredStatus is RUNNING,
 * across all deployments; a shortfall starts tasks (bounded by the per-service launch pace), a
 * surplus stops the tasks ./scale-in.ts picks. A deployment whose tasks keep failing to start
 * launches nothing while its back-off (./launch-backoff.ts) runs. The caller places and writes in
 * a transaction.
 */
import { pickScaleIn, type ScaleInStrategy, type ServiceTaskView } from './scale-in.js'

export type { ServiceTaskView } from './scale-in.js'

/** What {@link reconcile} reads. */
export interface ReconcileInput {
  /** The service's desiredCount (0 for a DRAINING service). */
  readonly desiredCount: number
  /** The service's tasks that have not stopped. */
  readonly tasks: readonly ServiceTaskView[]
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
  /** True when the shortfall is more than the launch pace allows now. */
  readonly paced: boolean
  /** True when a shortfall waits for the launch back-off (nothing starts). */
  readonly throttled: boolean
  /** True when the service is at desiredCount with every counted task RUNNING. */
  readonly steady: boolean
}

export function reconcile(input: ReconcileInput): ReconcileDecision {
  const counted = input.tasks.filter(t => t.desiredStatus === 'RUNNING')
  const missing = input.desiredCount - counted.length
  if (missing > 0) {
    if (input.throttled) return { start: 0, stop: [], paced: false, throttled: true, steady: false }
    const allowed = Math.max(0, input.launchesPerMinute - input.launchedLastMinute)
    const start = Math.min(missing, allowed)
    return { start, stop: [], paced: start < missing, throttled: false, steady: false }
  }
  if (missing < 0) {
    const stop = pickScaleIn(counted, -missing, input.strategies, input.primaryDeployment)
    return { start: 0, stop, paced: false, throttled: false, steady: false }
  }
  const steady = counted.every(t => t.lastStatus === 'RUNNING')
  return { start: 0, stop: [], paced: false, throttled: false, steady }
}
