/**
 * The service scheduler's loop: keeps every REPLICA service at its desiredCount. Event-driven (a
 * task of a service changed state, CreateService/UpdateService/DeleteService) with a periodic
 * safety pass over every indexed service (./service-index.ts). Passes run one at a time, each in
 * its own transaction (./apply-service.ts); what they changed is emitted after commit, so the
 * agent channel delivers new and stopping tasks. Launches are paced per service (tasks a minute,
 * ECS's 250 by default), and a deployment whose tasks keep stopping before they are RUNNING waits
 * out a growing back-off between launches (./launch-backoff.ts); both are kept in memory, per
 * service (and deployment), by the process that runs the passes. With several processes on one
 * PostgreSQL store, only the holder of the lease runs passes; another takes the lease once it has
 * not been renewed for `leaseMs`.
 */
import { randomUUID } from 'node:crypto'
import { isServiceError } from '../errors.js'
import type { ServerRuntime } from '../runtime.js'
import type { TaskRecord } from '../resources/tasks.js'
import type { Store } from '../store/index.js'
import { applyService, type PassOutcome } from './apply-service.js'
import {
  afterStop,
  DEFAULT_LAUNCH_BACKOFF_BASE_MS,
  DEFAULT_LAUNCH_BACKOFF_CAP_MS,
  earliestLaunch,
  type LaunchBackoffState,
} from './launch-backoff.js'
import type { ServiceChange } from './service-changes.js'
import { indexedServices, releaseLease, takeLease, unindexService } from './service-index.js'

/** ECS's default quota of tasks a service launches per minute (EC2/External). */
export const DEFAULT_LAUNCHES_PER_MINUTE = 250
/** The periodic pass's interval by default, in ms. */
export const DEFAULT_SERVICE_PASS_INTERVAL_MS = 3000

export interface ServiceLoopOptions {
  /** Between two periodic passes, in ms. */
  readonly intervalMs: number
  /** Tasks a service may launch in any minute. */
  readonly launchesPerMinute: number
  /** The launch back-off after a first failed start, and its cap, in ms (10 s and 15 min). */
  readonly launchBackoffBaseMs?: number | undefined
  readonly launchBackoffCapMs?: number | undefined
  /** How long the lease lasts unrenewed (default three intervals, at least 5 s). */
  readonly leaseMs?: number | undefined
  readonly onFault: (error: unknown) => void
}

const MINUTE_MS = 60_000
/** Stop codes of tasks stopped on purpose: not a failed start. */
const DELIBERATE = new Set(['UserInitiated', 'ServiceSchedulerInitiated'])
const keyOf = (s: ServiceChange) => `${s.scope.account}\n${s.scope.region}\n${s.cluster}\n${s.name}`

export class ServiceLoop {
  readonly #store: Store
  readonly #runtime: ServerRuntime
  readonly #options: ServiceLoopOptions
  readonly #leaseMs: number
  readonly #holder = randomUUID()
  readonly #queue = new Map<string, ServiceChange>()
  /** Launch times (epoch ms) in the last minute, per service. */
  readonly #launches = new Map<string, number[]>()
  /** Failed starts per service, then per deployment id. */
  readonly #failures = new Map<string, Map<string, LaunchBackoffState>>()
  readonly #backoff: { readonly baseMs: number; readonly capMs: number }
  readonly #unsubscribe: (() => void)[] = []
  #leaderUntil = 0
  #timer: NodeJS.Timeout | undefined
  #draining: Promise<void> | undefined
  #sweeping: Promise<void> | undefined
  #closed = false

  constructor(store: Store, runtime: ServerRuntime, options: ServiceLoopOptions) {
    this.#store = store
    this.#runtime = runtime
    this.#options = options
    this.#leaseMs = options.leaseMs ?? Math.max(5000, 3 * options.intervalMs)
    this.#backoff = {
      baseMs: options.launchBackoffBaseMs ?? DEFAULT_LAUNCH_BACKOFF_BASE_MS,
      capMs: options.launchBackoffCapMs ?? DEFAULT_LAUNCH_BACKOFF_CAP_MS,
    }
  }

  /** Subscribes to changes and starts the periodic pass (the first one at once). */
  start(): void {
    this.#unsubscribe.push(
      this.#runtime.events.on(event => {
        const group = event.record.task.group
        if (event.change === 'created' || !group.startsWith('service:')) return
        const service = { scope: event.scope, cluster: event.cluster, name: group.slice(8) }
        this.#noteReport(keyOf(service), event.record.task)
        this.nudge(service)
      }),
      this.#runtime.serviceChanges.on(change => {
        this.nudge(change)
      }),
    )
    this.#timer = setInterval(() => {
      this.#sweep()
    }, this.#options.intervalMs)
    this.#timer.unref()
    this.#sweep()
  }

  /** Reconciles `service` soon (once, however often it is nudged meanwhile). */
  nudge(service: ServiceChange): void {
    if (this.#closed) return
    this.#queue.set(keyOf(service), service)
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined
    })
  }

  /** Stops the loop, waits for the pass under way, gives the lease up. */
  async close(): Promise<void> {
    await this.abandon()
    if (this.#leaderUntil > 0)
      await this.#store
        .transaction(tx => releaseLease(tx, this.#holder))
        .catch(this.#options.onFault)
  }

  /** Stops the loop and waits for the pass under way, keeping the lease (a process that died). */
  async abandon(): Promise<void> {
    this.#closed = true
    if (this.#timer) clearInterval(this.#timer)
    for (const off of this.#unsubscribe) off()
    this.#queue.clear()
    await this.#sweeping
    await this.#draining
  }

  /** Counts a task that stopped without being RUNNING as a failed start of its deployment. */
  #noteReport(key: string, task: TaskRecord['task']): void {
    if (task.lastStatus !== 'STOPPED' || DELIBERATE.has(task.stopCode ?? '')) return
    const deployment = task.startedBy ?? ''
    const ofService = this.#failures.get(key) ?? new Map<string, LaunchBackoffState>()
    const next = afterStop(ofService.get(deployment), task.startedAt !== undefined, Date.now())
    if (next) ofService.set(deployment, next)
    else ofService.delete(deployment)
    if (ofService.size > 0) this.#failures.set(key, ofService)
    else this.#failures.delete(key)
  }

  /** Renews the lease; when held, queues every indexed service. */
  #sweep(): void {
    if (this.#sweeping || this.#closed) return
    this.#sweeping = (async () => {
      const now = Date.now()
      const services = await this.#store.transaction(async tx =>
        (await takeLease(tx, this.#holder, now, this.#leaseMs)) ? indexedServices(tx) : undefined,
      )
      this.#leaderUntil = services ? now + this.#leaseMs : 0
      for (const s of services ?? []) this.nudge(s)
    })()
      .catch(this.#options.onFault)
      .finally(() => {
        this.#sweeping = undefined
      })
  }

  async #drain(): Promise<void> {
    for (;;) {
      const next = this.#queue.entries().next()
      if (next.done === true || this.#closed) return
      const [key, service] = next.value
      this.#queue.delete(key)
      if (Date.now() >= this.#leaderUntil) continue
      try {
        await this.#pass(key, service)
      } catch (error) {
        // An ECS error (cluster deleted, task definition inactive) leaves the service as it is
        // until something changes; anything else is a fault.
        if (!isServiceError(error)) this.#options.onFault(error)
      }
    }
  }

  async #pass(key: string, service: ServiceChange): Promise<void> {
    const now = Date.now()
    const recent = (this.#launches.get(key) ?? []).filter(at => at > now - MINUTE_MS)
    const outcome: PassOutcome = await this.#store.transaction(async tx => {
      const result = await applyService(
        tx,
        service,
        {
          launchedLastMinute: recent.length,
          launchesPerMinute: this.#options.launchesPerMinute,
          throttled: deployment => this.#notBefore(key, deployment) > now,
        },
        this.#runtime.stoppedTaskRetentionMs,
      )
      if (!result.live) await unindexService(tx, service)
      return result
    })
    this.#forgetOtherDeployments(key, outcome)
    for (let i = 0; i < outcome.started.length; i++) recent.push(now)
    if (recent.length > 0) this.#launches.set(key, recent)
    else this.#launches.delete(key)
    const { scope, cluster } = service
    for (const { record, taskJson } of outcome.started)
      this.#runtime.events.emit({ scope, cluster, change: 'created', record, taskJson })
    for (const record of outcome.stopped)
      this.#runtime.events.emit({ scope, cluster, change: 'desired', record })
    // Paced: try again once the oldest launch of the minute has aged out; throttled: once the
    // back-off has run.
    const decision = outcome.decision
    if ((decision?.paced === true || decision?.throttled === true) && !this.#closed) {
      const wait = decision.throttled
        ? this.#notBefore(key, outcome.primaryDeployment ?? '') - now
        : (recent[0] ?? now) + MINUTE_MS - now
      setTimeout(
        () => {
          this.nudge(service)
        },
        Math.max(wait, 10),
      ).unref()
    }
  }

  /** When the deployment may launch again (0: now). */
  #notBefore(key: string, deployment: string): number {
    return earliestLaunch(this.#failures.get(key)?.get(deployment), this.#backoff)
  }

  /** Drops the back-off of deployments other than the PRIMARY one (a new deployment clears it). */
  #forgetOtherDeployments(key: string, outcome: PassOutcome): void {
    const ofService = this.#failures.get(key)
    if (!ofService) return
    if (!outcome.live) {
      this.#failures.delete(key)
      return
    }
    for (const deployment of ofService.keys())
      if (deployment !== outcome.primaryDeployment) ofService.delete(deployment)
    if (ofService.size === 0) this.#failures.delete(key)
  }
}
