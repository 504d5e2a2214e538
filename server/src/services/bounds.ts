/**
 * ECS's deployment arithmetic (ECS-NOTES section 5) and the bounded step of replacing tasks
 * within it, as pure functions. `min = ceil(desired × minimumHealthyPercent / 100)` healthy tasks
 * must remain, `max = floor(desired × maximumPercent / 100)` tasks may be counted (desired
 * RUNNING) across all deployments. The step is the same whatever makes a task one to replace: an
 * unhealthy task, a task on a DRAINING instance, a task of an older deployment.
 */

/** The deployment bounds of a service, in tasks. */
export interface DeploymentBounds {
  /** Healthy tasks that must remain. */
  readonly min: number
  /** Tasks that may be counted at once. */
  readonly max: number
}

/** The bounds of `desired` tasks at minimumHealthyPercent / maximumPercent. */
export function deploymentBounds(
  desired: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): DeploymentBounds {
  // Integer arithmetic first: 3 × 150 / 100 is 4.5 exactly, never 4.499….
  return {
    min: Math.ceil((desired * minimumHealthyPercent) / 100),
    max: Math.floor((desired * maximumPercent) / 100),
  }
}

/** A counted task (desired RUNNING) as the step reads it. */
export interface BoundedTask {
  readonly id: string
  /** Counts toward `min` (./health.ts: HEALTHY). */
  readonly healthy: boolean
  /** To be replaced: a replacement is started for it, and it is stopped within the bounds. */
  readonly replace: boolean
}

/** What {@link boundedStep} reads. */
export interface BoundedStepInput {
  readonly desired: number
  readonly bounds: DeploymentBounds
  /** The counted tasks; those to replace in the order they are best stopped. */
  readonly tasks: readonly BoundedTask[]
}

/** What to do now. */
export interface BoundedStep {
  /** Tasks to start: replacements and any shortfall. */
  readonly start: number
  /** Ids of tasks to stop, among those to replace. */
  readonly stop: readonly string[]
  /** True when tasks are to be replaced but the bounds allow neither a start nor a stop. */
  readonly deadlocked: boolean
}

/**
 * One step toward `desired` tasks none of which is to be replaced. A task to replace that is not
 * healthy is stopped once as many others are healthy as `desired` (its replacement stands in for
 * it); when `max` leaves no room to start a replacement first, one such task is stopped to make
 * room. A healthy task to replace is stopped while the healthy tasks left stay at or above `min`.
 * Starts fill `desired` as far as `max` allows once this step's stops are counted. Tasks to
 * replace that are not healthy go first.
 */
export function boundedStep(input: BoundedStepInput): BoundedStep {
  const { desired, bounds, tasks } = input
  const kept = tasks.filter(t => !t.replace)
  const toReplace = tasks
    .filter(t => t.replace)
    .sort((a, b) => Number(a.healthy) - Number(b.healthy))
  const need = Math.max(0, desired - kept.length)
  const noRoom = need > 0 && tasks.length >= bounds.max
  let healthy = tasks.filter(t => t.healthy).length
  let madeRoom = false
  const stop: string[] = []
  for (const task of toReplace) {
    if (task.healthy) {
      if (healthy - 1 < bounds.min) continue
      healthy -= 1
    } else if (healthy < desired) {
      if (!noRoom || madeRoom) continue
      madeRoom = true
    }
    stop.push(task.id)
  }
  const start = Math.min(need, Math.max(0, bounds.max - (tasks.length - stop.length)))
  // Waiting is not a deadlock while a kept task may still become healthy and unlock a stop.
  const deadlocked =
    toReplace.length > 0 && start === 0 && stop.length === 0 && kept.every(t => t.healthy)
  return { start, stop, deadlocked }
}
