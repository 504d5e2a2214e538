/**
 * The task engine: one {@link TaskManager} per task, fed by a single subscription to Docker's
 * event stream. This is the surface the agent's channel drives: `addTask` for each
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
import type { ContainerRuntime, RuntimeEvent } from '../docker/runtime.js'
import type { EngineTask } from '../task-definition.js'
import type { EngineConfig } from './config.js'
import { discoverTasks, restorePlan, type DiscoveredTask, type RestoreEntry } from './reconcile.js'
import { SILENT_REPORTER, type StateReporter } from './state-reporter.js'
import type { PulledImages } from './pulled-images.js'
import type { TaskRecord } from './task-record.js'
import type { TaskStore } from './task-store.js'
import { TaskManager } from './task-manager.js'
import type { TaskState } from './task-state.js'

export interface TaskEngineOptions {
  readonly runtime: ContainerRuntime
  readonly reporter?: StateReporter | undefined
  readonly config?: Partial<EngineConfig> | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  /**
   * Keeps each task's record (definition, Docker names and ids) across agent restarts; without
   * one, {@link TaskEngine.restore} knows only what Docker's labels say, so a container removed
   * while the agent was away would be created again.
   */
  readonly store?: TaskStore | undefined
  /**
   * Images this agent has pulled successfully (pull behaviour `once`), shared by every task; in
   * memory unless given (the agent keeps them in its state dir).
   */
  readonly pulledImages?: PulledImages | undefined
  /** First reconnect delay of the event stream; doubles up to 30 s, with ±20% jitter. */
  readonly reconnectDelayMs?: number | undefined
}

/** What {@link TaskEngine.restore} found. */
export interface RestoreResult {
  /** The listed tasks, now managed again, each from the containers Docker still has. */
  readonly restored: readonly string[]
  /**
   * Tasks the caller did not list that have containers on this host or a record in the store:
   * they are being stopped (not reported: the control plane has no such running task), and their
   * containers removed after the cleanup delay.
   */
  readonly orphans: readonly string[]
}

const MAX_RECONNECT_DELAY_MS = 30_000

export class TaskEngine {
  readonly #options: TaskEngineOptions
  readonly #managers = new Map<string, TaskManager>()
  readonly #stop = new AbortController()
  /** What the restore found for listed tasks it could not run yet, until they are added. */
  readonly #deferred = new Map<
    string,
    { found: DiscoveredTask | undefined; record: TaskRecord | undefined }
  >()
  /** Images pulled by this agent, for pull behaviour `once`. */
  readonly #pulledImages: PulledImages
  #ready: Promise<void> | undefined
  #watching: Promise<void> | undefined

  constructor(options: TaskEngineOptions) {
    this.#options = options
    this.#pulledImages = options.pulledImages ?? new Set()
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
  addTask(task: EngineTask): TaskManager {
    const deferred = this.#deferred.get(task.arn)
    if (!deferred) return this.#manage(task, undefined)
    // kept aside by restore(): resume from what was found then, and re-inspect, since the
    // containers may have changed while the task waited
    this.#deferred.delete(task.arn)
    const found = new Map(deferred.found ? [[task.arn, deferred.found]] : [])
    const [entry] = restorePlan([task], found, deferred.record ? [deferred.record] : [])
    const manager = this.#manage(task, entry)
    manager.resync()
    return manager
  }

  #manage(task: EngineTask, restore: RestoreEntry | undefined): TaskManager {
    const existing = this.#managers.get(task.arn)
    if (existing) {
      if (task.desiredStatus === 'STOPPED') existing.stop()
      return existing
    }
    const manager = new TaskManager({
      task,
      runtime: this.#options.runtime,
      reporter: restore?.orphan === true ? SILENT_REPORTER : this.#options.reporter,
      config: this.#options.config,
      restored: restore?.found,
      vanished: restore?.vanished,
      store: this.#options.store,
      pulledImages: this.#pulledImages,
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

  /** Every managed task with its state (the introspection API's list). */
  managed(): { task: EngineTask; state: TaskState }[] {
    return [...this.#managers.values()].map(m => ({ task: m.task, state: m.state }))
  }

  /** The manager of `arn`, if managed here. */
  manager(arn: string): TaskManager | undefined {
    return this.#managers.get(arn)
  }

  /**
   * After a restart, given every task the control plane wants on this host (`tasks`, its full
   * list): finds this host's containers by label (in `cluster`, when given) and the store's
   * records, resumes managing each listed task from what exists (nothing created twice; a
   * container that vanished while the agent was away is reported STOPPED, not re-created), and
   * stops the orphans (see `reconcile.ts`); tasks in `keep` (listed, but not runnable here yet,
   * e.g. their definition could not be fetched) are left alone until {@link addTask} brings
   * them, which then resumes them from what this restore found. Call after {@link start}. Rejects when Docker cannot list containers or the
   * store cannot be read.
   */
  async restore(
    tasks: readonly EngineTask[],
    cluster?: string,
    keep: readonly string[] = [],
  ): Promise<RestoreResult> {
    const found = await discoverTasks(
      this.#options.runtime,
      cluster,
      this.#options.config?.instanceArn,
    )
    const records = (await this.#options.store?.load()) ?? []
    const plan = restorePlan(tasks, found, records, keep)
    for (const entry of plan) this.#manage(entry.task, entry)
    for (const arn of keep) {
      if (tasks.some(t => t.arn === arn)) continue
      this.#deferred.set(arn, {
        found: found.get(arn),
        record: records.find(r => r.task.arn === arn),
      })
    }
    return {
      restored: tasks.map(t => t.arn),
      orphans: plan.filter(e => e.orphan).map(e => e.task.arn),
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
