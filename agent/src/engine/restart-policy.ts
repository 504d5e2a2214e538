/**
 * The container restart policy (`restartPolicy` of a container definition), as the ECS agent
 * applies it: a container that exits is started again in place (same Docker container) when
 * - the policy is enabled,
 * - the container and its task are still desired RUNNING (a stop is never undone),
 * - Docker gave an exit code (a container removed behind the agent's back is not restarted),
 *   and it is not one of `ignoredExitCodes`,
 * - and it ran at least `restartAttemptPeriod` seconds (default 300) since its last start, which
 *   keeps a container that crashes at once from restarting in a loop.
 * Otherwise the exit counts as usual (STOPPED; an essential container stops the task). Pure.
 */
import type { ContainerDefinition } from '../task-definition.js'
import type { DesiredStatus } from './status.js'
import type { ContainerPatch, ContainerState } from './task-state.js'

/** The ECS default `restartAttemptPeriod`, seconds. */
export const DEFAULT_RESTART_ATTEMPT_PERIOD = 300

/** An enabled policy, normalised. */
export interface RestartPolicy {
  readonly ignoredExitCodes: readonly number[]
  /** Seconds a run must last before an exit may be restarted. */
  readonly attemptPeriodSeconds: number
}

/** The container's policy when enabled, else undefined. */
export function restartPolicyOf(definition: ContainerDefinition): RestartPolicy | undefined {
  const policy = definition.restartPolicy
  if (policy?.enabled !== true) return undefined
  const period = policy.restartAttemptPeriod
  return {
    ignoredExitCodes: (policy.ignoredExitCodes ?? []).filter(code => Number.isInteger(code)),
    attemptPeriodSeconds:
      typeof period === 'number' && Number.isFinite(period) && period >= 0
        ? period
        : DEFAULT_RESTART_ATTEMPT_PERIOD,
  }
}

/** What {@link restartDecision} looks at. */
export interface ExitFacts {
  readonly policy: RestartPolicy | undefined
  /** Both the container's and the task's desired status must be RUNNING. */
  readonly desiredRunning: boolean
  readonly exitCode: number | undefined
  /** When the run that just ended started (Docker's StartedAt), if known. */
  readonly startedAt: Date | undefined
  readonly now: Date
}

/** Whether to restart, and if not, why not (for logs and tests). */
export function restartDecision(facts: ExitFacts): { restart: boolean; why: string } {
  const { policy, exitCode, startedAt } = facts
  if (!policy) return { restart: false, why: 'no restart policy' }
  if (!facts.desiredRunning) return { restart: false, why: 'the container is being stopped' }
  if (exitCode === undefined) return { restart: false, why: 'no exit code' }
  if (policy.ignoredExitCodes.includes(exitCode)) {
    return { restart: false, why: `exit code ${String(exitCode)} is ignored` }
  }
  const ran = startedAt === undefined ? 0 : (facts.now.getTime() - startedAt.getTime()) / 1000
  if (ran < policy.attemptPeriodSeconds) {
    return { restart: false, why: `it ran ${String(ran)} s, less than the attempt period` }
  }
  return { restart: true, why: 'restart policy' }
}

/**
 * The patch that restarts `container` in place, given what was just observed of it (`observed`)
 * while its task is desired `taskDesired`; undefined when the observation is not an exit of a
 * running container or the policy says no. The container goes back to CREATED (the next step
 * starts the same Docker container, whose id and image the observation confirms) with its
 * restart counted.
 */
export function restartPatch(
  container: ContainerState,
  observed: ContainerPatch,
  taskDesired: DesiredStatus,
  now: Date,
): ContainerPatch | undefined {
  if (observed.known !== 'STOPPED' || container.known !== 'RUNNING') return undefined
  const { restart } = restartDecision({
    policy: container.restartPolicy,
    desiredRunning: container.desired === 'RUNNING' && taskDesired === 'RUNNING',
    exitCode: observed.exitCode,
    startedAt: observed.startedAt ?? container.startedAt,
    now,
  })
  if (!restart) return undefined
  return {
    ...(observed.runtimeId === undefined ? {} : { runtimeId: observed.runtimeId }),
    ...(observed.imageId === undefined ? {} : { imageId: observed.imageId }),
    known: 'CREATED',
    exitCode: undefined,
    health: 'UNKNOWN',
    restartCount: container.restartCount + 1,
  }
}
