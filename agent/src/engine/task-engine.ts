/**
 * The task engine: one {@link TaskManager} per task, fed by a single subscription to Docker's
 * event stream. This is the surface the agent's channel drives (next session): `addTask` for each
 * task of a payload, `stopTask` for StopTask, `restore` after a restart, with a
 * {@link StateReporter} that turns changes into SubmitTaskStateChange calls.
 *
 * Events: the engine subscribes before any task starts, so no exit is missed, and routes each
 * event to the task named by its `com.amazonaws.ecs.task-arn` label. If the stream breaks
 * (dockerd restarting) it reconnects with growing, jittered delays, and on every (re)connection
 * asks each manager to re-inspect its containers: what happened while the stream was down is
 * learnt from Docker's current state, never by polling.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { TASK_ARN_LABEL } from '../docker/identity.js'
import type { ContainerDetails, ContainerRuntime, RuntimeEvent } from '../docker/runtime.js'
import type { EngineTask } from '../task-definition.js'
import type { EngineConfig } from './config.js'
import { discoverTasks, type DiscoveredTask } from './reconcile.js'
import type { StateReporter } from './state-reporter.js'
import { TaskManager } from './task-manager.js'
import type { TaskState } from './task-state.js'

export interface TaskEngineOptions {
  readonly runtime: ContainerRuntime
  readonly reporter?: StateReporter | undefined
  readonly config?: Partial<EngineConfig> | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  /** First reconnect delay of the event stream; doubles up to 30 s, with ±20% jitter. */
  readonly reconnectDelayMs?: number | undefined
}

/** What {@link TaskEngine.restore} found. */
export interface RestoreResult {
  /** Tasks now managed again, each from the containers Docker still has. */
  readonly restored: readonly string[]
  /** Tasks with containers on this host that the caller did not name (stop them once confirmed). */
  readonly orphans: readonly DiscoveredTask[]
}

const MAX_RECONNECT_DELAY_MS = 30_000

export class TaskEngine {
  readonly #options: TaskEngineOptions
  readonly #managers = new Map<string, TaskManager>()
  readonly #stop = new AbortController()
  #ready: Promise<void> | undefined
  #watching: Promise<void> | undefined

  constructor(options: TaskEngineOptions) {
    this.#options = options
  }

  /** Subscribes to Docker events; resolves once the first subscription is established. */
  start(): Promise<void> {
    if (!this.#ready) {
      let connected = (): void => undefined
      this.#ready = new Promise(resolve => {
        connected = resolve
      })
      this.#watching = this.#watch(connected)
    }
    return this.#ready
  }

  /**
   * Starts managing `task`, or, for a task already managed, applies its desired status (a
   * payload repeats tasks; only a change to STOPPED matters). Returns the task's manager.
   */
  addTask(task: EngineTask, restored?: ReadonlyMap<string, ContainerDetails>): TaskManager {
    const existing = this.#managers.get(task.arn)
    if (existing) {
      if (task.desiredStatus === 'STOPPED') existing.stop()
      return existing
    }
    const manager = new TaskManager({
      task,
      runtime: this.#options.runtime,
      reporter: this.#options.reporter,
      config: this.#options.config,
      restored,
      onError: this.#options.onError,
    })
    this.#managers.set(task.arn, manager)
    // A manager never rejects on Docker failures (they become reasons); anything else is a
    // fault for the log, and must not take the other tasks down with an unhandled rejection.
    void manager
      .run()
      .catch((error: unknown) => this.#options.onError?.(error))
      .finally(() => {
        if (this.#managers.get(task.arn) === manager) this.#managers.delete(task.arn)
      })
    return manager
  }

  /** StopTask. False when the task is not managed here. */
  stopTask(arn: string, reason?: string): boolean {
    const manager = this.#managers.get(arn)
    manager?.stop(reason)
    return manager !== undefined
  }

  /** The managed tasks' states. */
  tasks(): TaskState[] {
    return [...this.#managers.values()].map(m => m.state)
  }

  /** The manager of `arn`, if managed here. */
  manager(arn: string): TaskManager | undefined {
    return this.#managers.get(arn)
  }

  /**
   * After a restart: finds this host's containers by label and resumes managing each of `tasks`
   * from them (no container is created twice). Call after {@link start}.
   */
  async restore(tasks: readonly EngineTask[], cluster?: string): Promise<RestoreResult> {
    const found = await discoverTasks(this.#options.runtime, cluster)
    for (const task of tasks) this.addTask(task, found.get(task.arn)?.containers)
    const named = new Set(tasks.map(t => t.arn))
    return {
      restored: tasks.map(t => t.arn),
      orphans: [...found.values()].filter(d => !named.has(d.taskArn)),
    }
  }

  /** Stops watching events and detaches every manager; containers keep running. */
  async close(): Promise<void> {
    this.#stop.abort()
    for (const manager of this.#managers.values()) manager.detach()
    await this.#watching
  }

  #route(event: RuntimeEvent): void {
    if (event.type === 'connected') {
      for (const manager of this.#managers.values()) manager.resync()
      return
    }
    const arn = event.labels[TASK_ARN_LABEL]
    if (arn !== undefined) this.#managers.get(arn)?.handleEvent(event)
  }

  async #watch(connected: () => void): Promise<void> {
    const { signal } = this.#stop
    const stopped = () => signal.aborted
    const base = this.#options.reconnectDelayMs ?? 250
    let delay = base
    while (!signal.aborted) {
      try {
        const events = this.#options.runtime.events({ signal, labels: { [TASK_ARN_LABEL]: true } })
        for await (const event of events) {
          if (event.type === 'connected') {
            delay = base
            connected()
          }
          this.#route(event)
        }
      } catch (error) {
        this.#options.onError?.(error)
      }
      if (stopped()) break
      const jitter = 0.8 + Math.random() * 0.4
      await sleep(delay * jitter, undefined, { signal }).catch(() => undefined)
      delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS)
    }
    connected() // a closed engine must not leave start() pending
  }
}
