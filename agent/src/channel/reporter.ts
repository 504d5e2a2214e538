/**
 * The engine's {@link StateReporter} over the API, as the ECS agent reports:
 * - a task change (PENDING, RUNNING, STOPPED) becomes SubmitTaskStateChange (status, reason,
 *   every container with exit code, reason, runtime id and network bindings, timestamps);
 * - a container change the task does not share (a non-essential container exits while the task
 *   keeps running; one container runs while the task is still PENDING) becomes
 *   SubmitContainerStateChange (status, exit code, reason, network bindings, runtime id).
 * The engine reports a container change just before the task change it is part of, in the same
 * turn; such a change is left to the task change, which carries it.
 *
 * Calls for one task are sent in order, one at a time; a failed call is retried with growing
 * delays (the server may be restarting; tasks keep running), unless the server refused it as a
 * client error.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  isEcsServiceError,
  type SubmitContainerStateChangeInput,
  type SubmitTaskStateChangeInput,
} from '@quayside/sdk'
import type {
  ContainerStateChange,
  StateReporter,
  TaskStateChange,
} from '../engine/state-reporter.js'

const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined)

/** The container fields both calls share. */
function containerFields(c: ContainerStateChange) {
  return {
    containerName: c.containerName,
    status: c.status,
    ...(c.runtimeId !== undefined ? { runtimeId: c.runtimeId } : {}),
    ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    networkBindings: c.networkBindings.map(b => ({ ...b })),
  }
}

/** The SubmitTaskStateChange request for `change`. */
export function taskStateChangeInput(
  cluster: string,
  change: TaskStateChange,
): SubmitTaskStateChangeInput {
  const input: SubmitTaskStateChangeInput = {
    cluster,
    task: change.taskArn,
    status: change.status,
    containers: change.containers.map(containerFields),
  }
  if (change.reason !== undefined) input.reason = change.reason
  const pullStartedAt = seconds(change.pullStartedAt)
  const pullStoppedAt = seconds(change.pullStoppedAt)
  const executionStoppedAt = seconds(change.executionStoppedAt)
  if (pullStartedAt !== undefined) input.pullStartedAt = pullStartedAt
  if (pullStoppedAt !== undefined) input.pullStoppedAt = pullStoppedAt
  if (executionStoppedAt !== undefined) input.executionStoppedAt = executionStoppedAt
  return input
}

/** The SubmitContainerStateChange request for `change`. */
export function containerStateChangeInput(
  cluster: string,
  change: ContainerStateChange,
): SubmitContainerStateChangeInput {
  return { cluster, task: change.taskArn, ...containerFields(change) }
}

export interface ApiReporterOptions {
  readonly cluster: string
  readonly submit: (input: SubmitTaskStateChangeInput) => Promise<unknown>
  readonly submitContainer: (input: SubmitContainerStateChangeInput) => Promise<unknown>
  /** First retry delay (default 1 s), doubling up to 60 s. */
  readonly retryDelayMs?: number | undefined
  readonly onError?: ((error: unknown) => void) | undefined
}

/** A StateReporter that submits changes; {@link ApiReporter.idle} waits for the queue. */
export class ApiReporter implements StateReporter {
  readonly #options: ApiReporterOptions
  readonly #queues = new Map<string, Promise<void>>()
  /** Container changes of this turn, by task, until a task change takes them along. */
  readonly #pending = new Map<string, ContainerStateChange[]>()
  #closed = false

  constructor(options: ApiReporterOptions) {
    this.#options = options
  }

  containerChanged(change: ContainerStateChange): void {
    const pending = this.#pending.get(change.taskArn)
    if (pending) {
      pending.push(change)
      return
    }
    this.#pending.set(change.taskArn, [change])
    // the engine reports the task change (if any) in the same synchronous turn
    queueMicrotask(() => {
      const changes = this.#pending.get(change.taskArn) ?? []
      this.#pending.delete(change.taskArn)
      for (const c of changes) {
        const input = containerStateChangeInput(this.#options.cluster, c)
        this.#enqueue(c.taskArn, () => this.#options.submitContainer(input))
      }
    })
  }

  taskChanged(change: TaskStateChange): void {
    this.#pending.delete(change.taskArn)
    const input = taskStateChangeInput(this.#options.cluster, change)
    this.#enqueue(change.taskArn, () => this.#options.submit(input))
  }

  /** Resolves once every queued change has been sent (or given up on by {@link close}). */
  async idle(): Promise<void> {
    await Promise.resolve() // container changes join the queue a microtask later
    while (this.#queues.size > 0) await Promise.all(this.#queues.values())
  }

  /** Stops retrying. */
  close(): void {
    this.#closed = true
  }

  #enqueue(taskArn: string, call: () => Promise<unknown>): void {
    const previous = this.#queues.get(taskArn) ?? Promise.resolve()
    const next = previous.then(() => this.#send(call))
    this.#queues.set(taskArn, next)
    void next.finally(() => {
      if (this.#queues.get(taskArn) === next) this.#queues.delete(taskArn)
    })
  }

  async #send(call: () => Promise<unknown>): Promise<void> {
    let delay = this.#options.retryDelayMs ?? 1000
    while (!this.#closed) {
      try {
        await call()
        return
      } catch (error) {
        this.#options.onError?.(error)
        // the server understood and refused (a task it no longer knows): repeating cannot help
        if (isEcsServiceError(error) && error.fault === 'client') return
        await sleep(delay)
        delay = Math.min(delay * 2, 60_000)
      }
    }
  }
}
