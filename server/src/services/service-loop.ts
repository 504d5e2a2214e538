/**
 * The service scheduler's loop: keeps every REPLICA service at its desiredCount and every DAEMON
 * service on each of its eligible instances. Event-driven (a task of a service changed state,
 * CreateService/UpdateService/DeleteService, container instances of a cluster changed:
 * ./instance-changes.ts) with a periodic safety pass over every indexed service
 * (./service-index.ts). Passes run one at a time, each in its own transaction
 * (./apply-service.ts); what they changed is emitted after commit, so the agent channel delivers
 * new and stopping tasks. Launches are paced per service (tasks a minute, ECS's 250 by default),
 * kept in memory by the process that runs the passes; a deployment whose tasks keep stopping
 * before they are RUNNING waits out a growing back-off between launches (./launch-backoff.ts),
 * derived in each pass from the service's stored tasks, so reports heard by any replica count.
 * With several processes on one PostgreSQL store, only the holder of the lease runs passes;
 * another takes the lease once it has not been renewed for `leaseMs`.
 */
import { randomUUID } from 'node:crypto'
import { isServiceError } from '../errors.js'
import type { ServerRuntime } from '../runtime.js'
import type { ServiceDocument } from '../resources/services.js'
import type { TaskRecord } from '../resources/tasks.js'
import type { Store, Transaction } from '../store/index.js'
import { placementLock } from '../tasks/launch.js'
import { applyService, type PassOutcome } from './apply-service.js'
import type { InstanceChange } from './instance-changes.js'
import {
  DEFAULT_LAUNCH_BACKOFF_BASE_MS,
  DEFAULT_LAUNCH_BACKOFF_CAP_MS,
  earliestLaunch,
  failedStarts,
  type StartOutcome,
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
  /** The time tasks' health is judged at, epoch ms (default Date.now; tests move it on). */
  readonly clock?: (() => number) | undefined
  readonly onFault: (error: unknown) => void
}

const MINUTE_MS = 60_000
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
  readonly #backoff: { readonly baseMs: number; readonly capMs: number }
  readonly #unsubscribe: (() => void)[] = []
  /** Reads of a cluster's services under way (./instance-changes.ts), awaited on close. */
  readonly #listings = new Set<Promise<void>>()
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
        this.nudge({ scope: event.scope, cluster: event.cluster, name: group.slice(8) })
      }),
      this.#runtime.serviceChanges.on(change => {
        this.nudge(change)
      }),
      this.#runtime.instanceChanges.on(change => {
        this.#nudgeCluster(change)
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
    await Promise.all(this.#listings)
    await this.#draining
  }

  /** Reconciles every service of the cluster soon (its instances changed). */
  #nudgeCluster({ scope, cluster }: InstanceChange): void {
    if (this.#closed || Date.now() >= this.#leaderUntil) return
    const listing = this.#store
      .transaction(tx => tx.list<ServiceDocument>(scope, 'service', { parent: cluster }))
      .then(docs => {
        for (const { body } of docs)
          if (body.status !== 'INACTIVE') this.nudge({ scope, cluster, name: body.serviceName })
      })
      .catch(this.#options.onFault)
      .finally(() => {
        this.#listings.delete(listing)
      })
    this.#listings.add(listing)
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
    let notBefore = (_deployment: string) => 0
    const outcome: PassOutcome = await this.#store.transaction(
      async tx => {
        const outcomes = await startOutcomes(tx, service)
        notBefore = deployment => earliestLaunch(failedStarts(outcomes, deployment), this.#backoff)
        const result = await applyService(
          tx,
          service,
          {
            launchedLastMinute: recent.length,
            launchesPerMinute: this.#options.launchesPerMinute,
            throttled: deployment => notBefore(deployment) > now,
          },
          this.#runtime.stoppedTaskRetentionMs,
          this.#options.clock?.() ?? now,
        )
        if (!result.live) await unindexService(tx, service)
        return result
      },
      placementLock(service.scope, service.cluster),
    )
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
        ? notBefore(outcome.primaryDeployment ?? '') - now
        : (recent[0] ?? now) + MINUTE_MS - now
      setTimeout(
        () => {
          this.nudge(service)
        },
        Math.max(wait, 10),
      ).unref()
    }
  }
}

/** The service's tasks, stopped ones included, as the launch back-off reads them. */
async function startOutcomes(tx: Transaction, service: ServiceChange): Promise<StartOutcome[]> {
  const group = `service:${service.name}`
  const docs = await tx.list<TaskRecord>(service.scope, 'task', { parent: service.cluster })
  const out: StartOutcome[] = []
  for (const { body } of docs) {
    const task = body.task
    if (task.group !== group) continue
    out.push({
      deployment: task.startedBy,
      lastStatus: task.lastStatus,
      startedAt: task.startedAt,
      stoppedAt: task.stoppedAt,
      stopCode: task.stopCode,
    })
  }
  return out
}
