/**
 * The engine's {@link StateReporter} over the API: each task change becomes a
 * SubmitTaskStateChange (status, reason, containers with exit code, reason, runtime id and
 * network bindings, timestamps). Changes of one task are sent in order, one at a time; a failed
 * call is retried with growing delays, unless the server refused it as a client error (the server may be restarting; tasks keep running). Container
 * changes travel inside the task change that follows them, so they are not sent on their own.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { isEcsServiceError, type SubmitTaskStateChangeInput } from '@quayside/sdk'
import type { StateReporter, TaskStateChange } from '../engine/state-reporter.js'

const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined)

/** The SubmitTaskStateChange request for `change`. */
export function taskStateChangeInput(
  cluster: string,
  change: TaskStateChange,
): SubmitTaskStateChangeInput {
  const input: SubmitTaskStateChangeInput = {
    cluster,
    task: change.taskArn,
    status: change.status,
    containers: change.containers.map(c => ({
      containerName: c.containerName,
      status: c.status,
      ...(c.runtimeId !== undefined ? { runtimeId: c.runtimeId } : {}),
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      networkBindings: c.networkBindings.map(b => ({ ...b })),
    })),
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

export interface ApiReporterOptions {
  readonly cluster: string
  readonly submit: (input: SubmitTaskStateChangeInput) => Promise<unknown>
  /** First retry delay (default 1 s), doubling up to 60 s. */
  readonly retryDelayMs?: number | undefined
  readonly onError?: ((error: unknown) => void) | undefined
}

/** A StateReporter that submits task changes; {@link ApiReporter.idle} waits for the queue. */
export class ApiReporter implements StateReporter {
  readonly #options: ApiReporterOptions
  readonly #queues = new Map<string, Promise<void>>()
  #closed = false

  constructor(options: ApiReporterOptions) {
    this.#options = options
  }

  containerChanged(): void {
    // sent with the task change that follows (see the module comment)
  }

  taskChanged(change: TaskStateChange): void {
    const input = taskStateChangeInput(this.#options.cluster, change)
    const previous = this.#queues.get(change.taskArn) ?? Promise.resolve()
    const next = previous.then(() => this.#send(input))
    this.#queues.set(change.taskArn, next)
    void next.finally(() => {
      if (this.#queues.get(change.taskArn) === next) this.#queues.delete(change.taskArn)
    })
  }

  /** Resolves once every queued change has been sent (or given up on by {@link close}). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values())
  }

  /** Stops retrying. */
  close(): void {
    this.#closed = true
  }

  async #send(input: SubmitTaskStateChangeInput): Promise<void> {
    let delay = this.#options.retryDelayMs ?? 1000
    while (!this.#closed) {
      try {
        await this.#options.submit(input)
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
