/**
 * A task's health as ECS counts it (ECS-NOTES sections 2 and 5), as pure functions with the time
 * given. Two questions: the task's wire `healthStatus` from its containers' (UNHEALTHY if any
 * essential container with a health check is UNHEALTHY, else UNKNOWN if any is UNKNOWN, else
 * HEALTHY; UNKNOWN when there is no such container), and how the service scheduler counts the
 * task: healthy for minimumHealthyPercent, to be replaced, or neither yet.
 */
import type { HealthStatus } from '@quayside/openapi/types'

/** Without an essential container health check, a task counts as healthy once RUNNING this long. */
export const HEALTHY_AFTER_RUNNING_S = 40

/**
 * The task's `healthStatus` from `containers`: only those named in `checked` (the essential
 * containers whose definition has a `healthCheck`) count.
 */
export function taskHealthStatus(
  containers: readonly { readonly name: string; readonly healthStatus: HealthStatus }[],
  checked: readonly string[],
): HealthStatus {
  const counted = containers.filter(c => checked.includes(c.name))
  if (counted.length === 0) return 'UNKNOWN'
  if (counted.some(c => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY'
  if (counted.some(c => c.healthStatus === 'UNKNOWN')) return 'UNKNOWN'
  return 'HEALTHY'
}

/** What {@link schedulerHealth} reads of a task. */
export interface HealthInput {
  readonly lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  /** When the task reached RUNNING, epoch seconds. */
  readonly startedAt?: number | undefined
  /** The task's `healthStatus` ({@link taskHealthStatus}). */
  readonly healthStatus: HealthStatus
  /** True when an essential container has a health check. */
  readonly healthChecked: boolean
  /** The service's healthCheckGracePeriodSeconds (0 when not set). */
  readonly gracePeriodSeconds: number
  /** Now, epoch seconds. */
  readonly now: number
}

/**
 * How the scheduler counts a task: `HEALTHY` counts toward minimumHealthyPercent; `UNHEALTHY`
 * (an essential container check failed, after the grace period) is to be replaced; `STARTING` is
 * neither (not RUNNING yet, checks not passed yet, inside the grace period, or RUNNING for less
 * than {@link HEALTHY_AFTER_RUNNING_S} without checks).
 */
export type SchedulerHealth = 'HEALTHY' | 'UNHEALTHY' | 'STARTING'

export function schedulerHealth(input: HealthInput): SchedulerHealth {
  const startedAt = input.startedAt
  if (input.lastStatus !== 'RUNNING' || startedAt === undefined) return 'STARTING'
  if (!input.healthChecked)
    return input.now - startedAt >= HEALTHY_AFTER_RUNNING_S ? 'HEALTHY' : 'STARTING'
  if (input.healthStatus === 'HEALTHY') return 'HEALTHY'
  // Health checks are ignored for the grace period after the task started.
  if (input.healthStatus === 'UNHEALTHY' && input.now - startedAt >= input.gracePeriodSeconds)
    return 'UNHEALTHY'
  return 'STARTING'
}
