/**
 * How the engine tells the rest of the agent what happened: a {@link StateReporter} receives a
 * change each time a task or container reaches a status the control plane cares about. The
 * channel to the server (SubmitTaskStateChange / SubmitContainerStateChange) implements it; tests
 * record the calls.
 */
import type { NetworkBinding } from '../docker/port-bindings.js'
import {
  backendStatus,
  type BackendStatus,
  type ContainerStatus,
  type HealthStatus,
} from './status.js'
import type { ContainerState, StopCode, TaskState } from './task-state.js'

/** One container, in SubmitContainerStateChange / SubmitTaskStateChange `containers[]` terms. */
export interface ContainerStateChange {
  readonly taskArn: string
  readonly containerName: string
  /** PENDING, RUNNING or STOPPED. */
  readonly status: BackendStatus
  /** The engine's finer status behind `status`. */
  readonly knownStatus: ContainerStatus
  /** The Docker container id, once created. */
  readonly runtimeId?: string | undefined
  readonly exitCode?: number | undefined
  readonly reason?: string | undefined
  readonly networkBindings: readonly NetworkBinding[]
  readonly healthStatus: HealthStatus
  readonly imageId?: string | undefined
  /** Restarts in place by the restart policy (not part of the ECS API; for the agent's log). */
  readonly restartCount: number
}

/** A task's state, in SubmitTaskStateChange terms, with all its containers. */
export interface TaskStateChange {
  readonly taskArn: string
  readonly status: BackendStatus
  readonly knownStatus: ContainerStatus
  readonly stopCode?: StopCode | undefined
  /** The task's `stoppedReason` (`Essential container in task exited`, `CannotPullContainerError: ...`). */
  readonly reason?: string | undefined
  readonly containers: readonly ContainerStateChange[]
  readonly pullStartedAt?: Date | undefined
  readonly pullStoppedAt?: Date | undefined
  readonly startedAt?: Date | undefined
  readonly executionStoppedAt?: Date | undefined
}

/**
 * Receives state changes, in order, from the task managers.
 *
 * - `containerChanged` fires when a container's reported status becomes RUNNING or STOPPED (the
 *   statuses ECS accepts for containers), before the task change it belongs to.
 * - `taskChanged` fires when the task's reported status changes: PENDING when the task is
 *   accepted, RUNNING, then STOPPED once every container has stopped.
 *
 * - `healthChanged`, when given, fires when a container's Docker health (`healthStatus`) changes
 *   from what was last reported for it (UNKNOWN at first), with the whole task.
 *
 * Calls are synchronous and must not throw (a throw is caught and dropped so a task never stalls
 * on its reporter); delivery, batching and retries are the implementation's business.
 */
export interface StateReporter {
  taskChanged(change: TaskStateChange): void
  containerChanged(change: ContainerStateChange): void
  healthChanged?(change: TaskStateChange): void
}

/** A reporter that drops everything, for an engine with nobody to tell yet. */
export const SILENT_REPORTER: StateReporter = {
  taskChanged: () => undefined,
  containerChanged: () => undefined,
}

export function containerChange(task: TaskState, container: ContainerState): ContainerStateChange {
  return {
    taskArn: task.arn,
    containerName: container.name,
    status: backendStatus(container.known),
    knownStatus: container.known,
    runtimeId: container.runtimeId,
    exitCode: container.exitCode,
    reason: container.reason,
    networkBindings: container.networkBindings,
    healthStatus: container.health,
    imageId: container.imageId,
    restartCount: container.restartCount,
  }
}

export function taskChange(task: TaskState): TaskStateChange {
  return {
    taskArn: task.arn,
    status: backendStatus(task.known),
    knownStatus: task.known,
    stopCode: task.stopCode,
    reason: task.stoppedReason,
    containers: task.containers.map(c => containerChange(task, c)),
    pullStartedAt: task.pullStartedAt,
    pullStoppedAt: task.pullStoppedAt,
    startedAt: task.startedAt,
    executionStoppedAt: task.executionStoppedAt,
  }
}

/**
 * Remembers what has been reported for one task and reports only what changed, in the order the
 * {@link StateReporter} contract gives. A reporter that throws is caught and handed to `onError`.
 */
export class ChangeTracker {
  readonly #reporter: StateReporter
  readonly #onError: (error: unknown) => void
  readonly #containers = new Map<string, BackendStatus>()
  readonly #health = new Map<string, HealthStatus>()
  #task: BackendStatus | undefined

  constructor(reporter: StateReporter, onError: (error: unknown) => void) {
    this.#reporter = reporter
    this.#onError = onError
  }

  /** Reports the differences between `state` and what was reported before. */
  report(state: TaskState): void {
    for (const c of state.containers) {
      const status = backendStatus(c.known)
      if (status === 'PENDING' || this.#containers.get(c.name) === status) continue
      this.#containers.set(c.name, status)
      this.#tell(() => {
        this.#reporter.containerChanged(containerChange(state, c))
      })
    }
    const status = backendStatus(state.known)
    if (this.#task !== status) {
      this.#task = status
      this.#tell(() => {
        this.#reporter.taskChanged(taskChange(state))
      })
    }
    const reporter = this.#reporter
    if (!reporter.healthChanged) return
    let changed = false
    for (const c of state.containers) {
      if ((this.#health.get(c.name) ?? 'UNKNOWN') === c.health) continue
      this.#health.set(c.name, c.health)
      changed = true
    }
    if (changed)
      this.#tell(() => {
        reporter.healthChanged?.(taskChange(state))
      })
  }

  #tell(call: () => void): void {
    try {
      call()
    } catch (error) {
      this.#onError(error)
    }
  }
}
