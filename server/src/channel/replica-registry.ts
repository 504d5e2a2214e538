/**
 * Replicas sharing one PostgreSQL store record themselves there, so that DiscoverPollEndpoint can
 * name a live one (./poll-endpoint.ts). Each replica keeps one document of kind `replica` (scope
 * {@link REPLICA_SCOPE}, outside every account) with its advertised URL, how many agent channels
 * it holds and when it last beat; it rewrites it every heartbeat interval and deletes it on an
 * orderly close. A replica that died stops beating: its record counts as live until one interval
 * plus the grace has passed since its last beat, the same lease its agents' instances have, and
 * is deleted by whichever replica next finds it expired.
 */
import { randomUUID } from 'node:crypto'
import type { Scope, Store } from '../store/index.js'
import type { ReplicaDirectory } from '../runtime.js'
import type { ReplicaRecord } from './poll-endpoint.js'

/** Where replica records live: no account is empty, so no request can read or write them. */
export const REPLICA_SCOPE: Scope = { account: '', region: '' }

/** Options of {@link ReplicaRegistry}. */
export interface ReplicaRegistryOptions {
  /** This replica's `--advertise-url`, if any. */
  readonly url?: string | undefined
  /** How often to beat (the agent channel's heartbeat interval). */
  readonly heartbeatIntervalMs: number
  /** How long past one interval a silent replica still counts as live. */
  readonly heartbeatGraceMs: number
  /** The number of agent channels this replica holds now. */
  readonly agents: () => number
  readonly onFault: (error: unknown) => void
}

/** This replica's record in the store, and the live records of all. */
export class ReplicaRegistry implements ReplicaDirectory {
  /** This replica's id, random per process. */
  readonly id = randomUUID()
  readonly #store: Store
  readonly #options: ReplicaRegistryOptions
  #timer: NodeJS.Timeout | undefined

  constructor(store: Store, options: ReplicaRegistryOptions) {
    this.#store = store
    this.#options = options
  }

  /** Writes the first record and beats every interval until {@link close} or {@link abandon}. */
  async start(): Promise<void> {
    await this.#beat()
    this.#timer = setInterval(() => {
      this.#beat().catch(this.#options.onFault)
    }, this.#options.heartbeatIntervalMs)
    this.#timer.unref()
  }

  /** How long a record counts as live after its beat. */
  get leaseMs(): number {
    return this.#options.heartbeatIntervalMs + this.#options.heartbeatGraceMs
  }

  /** Agent channels this replica holds now. */
  agents(): number {
    return this.#options.agents()
  }

  /**
   * How old another replica's beat may be for it to be named (1.5 intervals: one beat missed).
   * Shorter than the lease, so a replica that died stops being named before its record expires.
   */
  get freshMs(): number {
    return Math.min(1.5 * this.#options.heartbeatIntervalMs, this.leaseMs)
  }

  /** The records whose lease has not run out (this replica's included); drops expired ones. */
  async live(now = Date.now()): Promise<ReplicaRecord[]> {
    return this.#store.transaction(async tx => {
      const docs = await tx.list<ReplicaRecord>(REPLICA_SCOPE, 'replica')
      const live: ReplicaRecord[] = []
      for (const doc of docs) {
        if (now - doc.body.beatAt <= this.leaseMs) live.push(doc.body)
        else await tx.delete(REPLICA_SCOPE, 'replica', doc.id)
      }
      return live
    })
  }

  async #beat(): Promise<void> {
    const record: ReplicaRecord = {
      id: this.id,
      ...(this.#options.url === undefined ? {} : { url: this.#options.url }),
      agents: this.#options.agents(),
      beatAt: Date.now(),
    }
    await this.#store.transaction(tx => tx.put(REPLICA_SCOPE, 'replica', this.id, '', record))
  }

  /** Stops beating and deletes the record (an orderly stop). */
  async close(): Promise<void> {
    clearInterval(this.#timer)
    await this.#store.transaction(tx => tx.delete(REPLICA_SCOPE, 'replica', this.id))
  }

  /** Stops beating and leaves the record to expire, as a crashed process would. */
  abandon(): void {
    clearInterval(this.#timer)
  }
}
