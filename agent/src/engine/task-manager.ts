/**
 * One task's event loop: it owns the task's {@link TaskState} and is the only writer of it.
 *
 *   listen → learn (known/desired) → settle (task rules) → report → act → listen ...
 *
 * Messages arrive in an inbox: Docker events routed by the engine, results of the Docker calls
 * this loop started, StopTask. Each turn drains the inbox into the state, applies the task rules
 * (`task-rules.ts`) and the transitions that need no Docker call, reports what the control plane
 * should hear (`StateReporter`), then starts every Docker call `containerNextState` asks for,
 * without waiting for them: a call's result is just another message. Calls for different
 * containers run concurrently (two images pull at once); a container has at most one in flight.
 *
 * When every container is STOPPED and nothing is in flight, the loop reports the task STOPPED,
 * waits the cleanup delay, removes the task's containers and ends.
 */
import { randomBytes } from 'node:crypto'
import type { HostPortOptions } from '../docker/host-ports.js'
import { dockerContainerName } from '../docker/identity.js'
import { taskVolumeNames } from '../docker/mounts.js'
import { networkBindings, type NetworkBinding } from '../docker/port-bindings.js'
import type { ContainerDetails, ContainerRuntime, RuntimeEvent } from '../docker/runtime.js'
import type { EngineTask } from '../task-definition.js'
import { engineConfig, type EngineConfig } from './config.js'
import { nextStartDeadline } from './dependencies.js'
import { containerNextState } from './next-state.js'
import { GONE_REASON, healthStatus, observedPatch } from './observe.js'
import { prepareTask } from './prepare.js'
import type { PulledImages } from './pulled-images.js'
import type { VanishedContainer } from './reconcile.js'
import { restartPatch } from './restart-policy.js'
import { ChangeTracker, SILENT_REPORTER, type StateReporter } from './state-reporter.js'
import { later } from './status.js'
import { sameContainers, taskRecord, type TaskRecord } from './task-record.js'
import type { TaskStore } from './task-store.js'
import { failTask, requestStop, settleTask } from './task-rules.js'
import {
  containerNamed,
  initialTaskState,
  patchContainer,
  type ContainerPatch,
  type TaskState,
} from './task-state.js'
import { performStep, type Outcome, type Step, type StepContext } from './transitions/perform.js'

export interface TaskManagerOptions {
  readonly task: EngineTask
  readonly runtime: ContainerRuntime
  readonly reporter?: StateReporter | undefined
  readonly config?: Partial<EngineConfig> | undefined
  /** Docker containers found for this task after an agent restart, by container name. */
  readonly restored?: ReadonlyMap<string, ContainerDetails> | undefined
  /**
   * Containers the state dir says were created but Docker no longer has, by container name: they
   * start STOPPED with ContainerVanishedError (an essential one stops the task), never re-created.
   */
  readonly vanished?: ReadonlyMap<string, VanishedContainer> | undefined
  /** Where the task's record (definition, Docker names and ids) is kept across agent restarts. */
  readonly store?: TaskStore | undefined
  /** Unexpected faults (a reporter that threw, a failed cleanup), for the agent's log. */
  readonly onError?: ((error: unknown) => void) | undefined
  /** The random suffix of Docker names; 20 hex digits by default. */
  readonly randomHex?: (() => string) | undefined
  readonly now?: (() => Date) | undefined
  /** Where `containerPortRange` host ranges are looked for (default 49153-65535). */
  readonly hostPorts?: HostPortOptions | undefined
  /** Images pulled successfully by this agent, shared across tasks (pull behaviour `once`). */
  readonly pulledImages?: PulledImages | undefined
}

type ContainerEvent = Extract<RuntimeEvent, { type: 'container' }>

type Message =
  | {
      readonly kind: 'done'
      readonly container: string
      readonly step: Step
      readonly outcome: Outcome
    }
  | {
      readonly kind: 'observed'
      readonly container: string
      readonly details: ContainerDetails | undefined
    }
  | { readonly kind: 'unobserved' }
  | { readonly kind: 'event'; readonly event: ContainerEvent }
  | { readonly kind: 'stop'; readonly reason: string }
  | { readonly kind: 'resync' }
  | { readonly kind: 'wake' }

export class TaskManager {
  readonly arn: string
  readonly #task: EngineTask
  readonly #runtime: ContainerRuntime
  readonly #config: EngineConfig
  readonly #onError: (error: unknown) => void
  readonly #now: () => Date
  readonly #tracker: ChangeTracker
  readonly #steps: ReadonlyMap<string, StepContext>
  readonly #inbox: Message[] = []
  readonly #store: TaskStore | undefined
  /** The record last handed to the store. */
  #saved: TaskRecord | undefined
  #state: TaskState
  #wake: (() => void) | undefined
  /** Docker calls in flight whose answer the loop still expects. */
  #busy = 0
  #detached = false
  /** Wakes the loop when a dependency's start timeout runs out. */
  #timer: NodeJS.Timeout | undefined
  #skipCleanupDelay = false
  #run: Promise<TaskState> | undefined

  /** The task as it was given (its definition included). */
  get task(): EngineTask {
    return this.#task
  }

  constructor(options: TaskManagerOptions) {
    const { task, restored, vanished } = options
    this.arn = task.arn
    this.#task = task
    this.#runtime = options.runtime
    this.#store = options.store
    this.#config = engineConfig(options.config)
    this.#onError = options.onError ?? (() => undefined)
    this.#now = options.now ?? (() => new Date())
    this.#tracker = new ChangeTracker(options.reporter ?? SILENT_REPORTER, this.#onError)
    const hex = options.randomHex ?? (() => randomBytes(10).toString('hex'))
    const { family, revision, containerDefinitions } = task.definition
    // A restored or vanished container keeps its Docker name; the others get a fresh one.
    const names = new Map(
      containerDefinitions.map(c => [
        c.name,
        restored?.get(c.name)?.name ??
          vanished?.get(c.name)?.dockerName ??
          dockerContainerName(family, revision, c.name, hex()),
      ]),
    )
    this.#state = initialTaskState(task, names)
    for (const [name, details] of restored ?? []) this.#observe(name, details, true)
    for (const [name, gone] of vanished ?? []) {
      this.#patch(name, {
        known: 'STOPPED',
        runtimeId: gone.runtimeId,
        reason: GONE_REASON,
        ...(gone.startedAt ? { startedAt: gone.startedAt } : {}),
      })
    }
    const prepared = prepareTask(task, this.#state, names, {
      runtime: this.#runtime,
      config: this.#config,
      hostPorts: options.hostPorts,
      pulledImages: options.pulledImages ?? new Set(),
    })
    this.#steps = prepared.steps
    if (prepared.failure !== undefined) this.#state = failTask(this.#state, prepared.failure)
  }

  /** The task as the engine currently knows it. */
  get state(): TaskState {
    return this.#state
  }

  /** Runs the loop (once; later calls return the same promise). Resolves after cleanup. */
  run(): Promise<TaskState> {
    this.#run ??= this.#loop()
    return this.#run
  }

  /** StopTask: stop every container (dependents first) and end the task. */
  stop(reason = 'Task stopped by user'): void {
    this.#post({ kind: 'stop', reason })
  }

  /** A Docker event; events for containers of other tasks are ignored. */
  handleEvent(event: RuntimeEvent): void {
    if (event.type === 'container') this.#post({ kind: 'event', event })
  }

  /** Re-inspects every live container: events may have been missed (the stream was down). */
  resync(): void {
    this.#post({ kind: 'resync' })
  }

  /** Skips what is left of the cleanup delay. */
  cleanupNow(): void {
    this.#skipCleanupDelay = true
    this.#post({ kind: 'wake' })
  }

  /** Stops managing the task, leaving its containers as they are (the agent is shutting down). */
  detach(): void {
    this.#detached = true
    this.#post({ kind: 'wake' })
  }

  #post(message: Message): void {
    this.#inbox.push(message)
    this.#wake?.()
  }

  async #loop(): Promise<TaskState> {
    for (;;) {
      this.#drain()
      clearTimeout(this.#timer)
      if (this.#detached) return this.#state
      this.#settle()
      if (this.#state.known === 'STOPPED' && this.#busy === 0) break
      this.#act()
      this.#armTimer()
      await this.#nextMessage()
    }
    await this.#cleanup()
    return this.#state
  }

  #armTimer(): void {
    const deadline = nextStartDeadline(this.#state)
    if (deadline === undefined) return
    const wait = Math.max(0, deadline - this.#now().getTime()) + 1
    this.#timer = setTimeout(() => {
      this.#post({ kind: 'wake' })
    }, wait)
  }

  #nextMessage(): Promise<void> {
    if (this.#inbox.length > 0) return Promise.resolve()
    return new Promise(resolve => {
      this.#wake = () => {
        this.#wake = undefined
        resolve()
      }
    })
  }

  #drain(): void {
    for (let message = this.#inbox.shift(); message; message = this.#inbox.shift()) {
      this.#learn(message)
    }
  }

  #learn(message: Message): void {
    switch (message.kind) {
      case 'done':
        this.#busy--
        this.#state = patchContainer(this.#state, message.container, { applied: undefined })
        if (message.step === 'PULLED') this.#state = { ...this.#state, pullStoppedAt: this.#now() }
        if (message.outcome.type === 'patch') this.#patch(message.container, message.outcome.patch)
        else this.#observe(message.container, message.outcome.details)
        return
      case 'observed':
        this.#busy--
        this.#observe(message.container, message.details)
        return
      case 'unobserved':
        this.#busy--
        return
      case 'event':
        this.#onEvent(message.event)
        return
      case 'stop':
        this.#state = requestStop(this.#state, message.reason)
        return
      case 'resync':
        for (const c of this.#state.containers) {
          if (c.runtimeId !== undefined && c.known !== 'STOPPED') this.#inspect(c.name, c.runtimeId)
        }
        return
      case 'wake':
        return
    }
  }

  #onEvent(event: ContainerEvent): void {
    const container = this.#state.containers.find(c => c.runtimeId === event.id)
    if (!container || container.known === 'STOPPED') return
    if (event.action === 'health' && event.health) {
      this.#patch(container.name, { health: healthStatus(event.health) })
    } else if (event.action === 'die' || event.action === 'destroy') {
      // The exit code and the OOM flag are only reliable on the inspect result.
      this.#inspect(container.name, event.id)
    }
  }

  #inspect(name: string, id: string): void {
    this.#busy++
    this.#runtime.inspectContainer(id).then(
      details => {
        this.#post({ kind: 'observed', container: name, details })
      },
      (error: unknown) => {
        // Nothing learnt: keep the last known state until the next event or resync.
        this.#onError(error)
        this.#post({ kind: 'unobserved' })
      },
    )
  }

  #bindings(name: string, details: ContainerDetails): NetworkBinding[] {
    const definition = this.#task.definition.containerDefinitions.find(c => c.name === name)
    const mappings = definition?.portMappings ?? []
    return networkBindings(details, mappings, { excludeIpv6: this.#config.excludeIpv6Bindings })
  }

  /** `restored`: found after an agent restart, when a container that ran counts as RUNNING. */
  #observe(name: string, details: ContainerDetails | undefined, restored = false): void {
    const container = containerNamed(this.#state, name)
    if (!container) return
    const patch = observedPatch(container, details, d => this.#bindings(name, d))
    // one that exited while the agent was away gets its restart policy applied all the same
    const ran = restored && details?.state.startedAt !== undefined
    const before = ran ? { ...container, known: 'RUNNING' as const } : container
    const restart = restartPatch(before, patch, this.#state.desired, this.#now())
    // a restart is the one move back (to CREATED), so it bypasses #patch
    if (restart) this.#state = patchContainer(this.#state, name, restart)
    else this.#patch(name, patch)
  }

  /** Merges what was learnt: known never moves back, and the first reason given is kept. */
  #patch(name: string, patch: ContainerPatch): void {
    const current = containerNamed(this.#state, name)
    if (!current) return
    this.#state = patchContainer(this.#state, name, {
      ...patch,
      known: later(current.known, patch.known ?? current.known),
      reason: current.reason ?? patch.reason,
    })
  }

  /** Task rules and the transitions that need no Docker call, until nothing changes; then report. */
  #settle(): void {
    for (let changed = true; changed;) {
      changed = false
      this.#state = settleTask(this.#state, this.#now())
      for (const c of this.#state.containers) {
        const t = containerNextState(c, this.#state, this.#now())
        if (t.next === 'NONE' || t.actionable) continue
        this.#patch(c.name, { known: t.next, desired: 'STOPPED', reason: t.reason })
        changed = true
      }
    }
    this.#tracker.report(this.#state)
    this.#persist()
  }

  /** Hands the task's record to the store when a container's name, id or start changed. */
  #persist(): void {
    if (!this.#store) return
    const record = taskRecord(this.#task, this.#state)
    if (sameContainers(this.#saved, record)) return
    this.#saved = record
    this.#store.save(record).catch(this.#onError)
  }

  /** Starts every Docker call the containers need now; results come back as messages. */
  #act(): void {
    for (const c of this.#state.containers) {
      const { next: step, actionable } = containerNextState(c, this.#state, this.#now())
      const context = this.#steps.get(c.name)
      if (!actionable || step === 'NONE' || !context) continue
      this.#busy++
      this.#state = patchContainer(this.#state, c.name, { applied: step })
      if (step === 'PULLED' && this.#state.pullStartedAt === undefined) {
        this.#state = { ...this.#state, pullStartedAt: this.#now() }
      }
      void performStep(step, c, context).then(outcome => {
        this.#post({ kind: 'done', container: c.name, step, outcome })
      })
    }
  }

  async #cleanup(): Promise<void> {
    // Late messages (a replayed event) wake the wait too; only the deadline, cleanupNow() or
    // detach() end it.
    const deadline = Date.now() + this.#config.cleanupDelayMs
    for (let left = deadline - Date.now(); left > 0; left = deadline - Date.now()) {
      if (this.#skipCleanupDelay || this.#detached) break
      let timer: NodeJS.Timeout | undefined
      await new Promise<void>(resolve => {
        timer = setTimeout(resolve, left)
        this.#wake = resolve
      })
      clearTimeout(timer)
      this.#wake = undefined
    }
    if (this.#detached) return
    for (const c of this.#state.containers) {
      if (c.runtimeId === undefined) continue
      await this.#runtime.removeContainer(c.runtimeId, { force: true }).catch(this.#onError)
    }
    // the task's own volumes go with its containers (Docker creates them on first use)
    for (const volume of taskVolumeNames(this.#task)) {
      await this.#runtime.removeVolume(volume).catch(this.#onError)
    }
    // A container whose removal failed still carries its labels: the next restart finds it.
    await this.#store?.remove(this.arn).catch(this.#onError)
  }
}
