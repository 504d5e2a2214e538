/**
 * Request throttling as ECS throttles: one token bucket per account, region and action group
 * (./actions.ts). A bucket holds at most `burst` tokens and gains `refillPerSecond` tokens a
 * second; each request takes one, and a request finding the bucket empty is refused with
 * ThrottlingException "Rate exceeded". Buckets are created full on first use and refilled lazily
 * from the injected clock, so an idle account costs nothing but its map entries. Pure apart from
 * the clock: tests pass their own.
 */
import type { ActionGroup } from './actions.js'

/** One group's bucket size and sustained rate. */
export interface BucketRate {
  /** Most requests accepted at once (the bucket's capacity), at least 1. */
  readonly burst: number
  /** Tokens added per second (the sustained rate), above 0. */
  readonly refillPerSecond: number
}

/** Rates per group; `startServer({ throttling })` and `quayside server --throttle`. */
export type ThrottleRates = Readonly<Record<ActionGroup, BucketRate>>

/**
 * The default rates. Cluster reads (DescribeClusters, ListClusters) have ECS's documented bucket
 * of 50 refilled at 20 a second; ECS publishes no table for the other groups that this server
 * could copy, so they get values of the same order: reads a larger bucket, writes a smaller one,
 * task launches (RunTask, StartTask, up to 10 tasks each) their own, and the agents' calls
 * (registration, state reports) the most room, as one account's hosts all share it.
 */
export const DEFAULT_THROTTLE_RATES: ThrottleRates = {
  'cluster-read': { burst: 50, refillPerSecond: 20 },
  read: { burst: 100, refillPerSecond: 40 },
  write: { burst: 50, refillPerSecond: 20 },
  launch: { burst: 100, refillPerSecond: 40 },
  agent: { burst: 200, refillPerSecond: 100 },
}

export const ACTION_GROUPS = Object.keys(DEFAULT_THROTTLE_RATES) as readonly ActionGroup[]

/** Bucket count beyond which a new bucket first drops the full ones. */
const SWEEP_AT = 10_000

interface Bucket {
  tokens: number
  /** Clock reading (ms) of the last refill. */
  at: number
}

/** Buckets for every account, region and group; `take` is the only call per request. */
export class TokenBuckets {
  readonly #rates: ThrottleRates
  readonly #now: () => number
  readonly #buckets = new Map<string, Bucket>()

  /** `now` returns milliseconds from any fixed origin (default `performance.now`). */
  constructor(rates: ThrottleRates, now: () => number = () => performance.now()) {
    this.#rates = rates
    this.#now = now
  }

  /** Takes a token from the bucket of (account, region, group); false when it is empty. */
  take(account: string, region: string, group: ActionGroup): boolean {
    const rate = this.#rates[group]
    const key = `${account}/${region}/${group}`
    const now = this.#now()
    let bucket = this.#buckets.get(key)
    if (bucket === undefined) {
      if (this.#buckets.size >= SWEEP_AT) this.#sweep(now)
      bucket = { tokens: rate.burst, at: now }
      this.#buckets.set(key, bucket)
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(
        rate.burst,
        bucket.tokens + ((now - bucket.at) / 1000) * rate.refillPerSecond,
      )
      bucket.at = now
    }
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  /** How many buckets are held (for tests of the sweep). */
  get size(): number {
    return this.#buckets.size
  }

  /**
   * Drops the buckets that have refilled completely: a full bucket and a missing one answer
   * alike, and the region of a signed request is the client's to choose, so the map must not
   * grow with every region name a client invents.
   */
  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const group = key.slice(key.lastIndexOf('/') + 1) as ActionGroup
      const rate = this.#rates[group]
      if (bucket.tokens + ((now - bucket.at) / 1000) * rate.refillPerSecond >= rate.burst)
        this.#buckets.delete(key)
    }
  }
}

/**
 * Parses `GROUP=BURST/RATE` (e.g. `read=100/40`) over `base`; an Error whose message is the one
 * line to print when the text is not that. Pure.
 */
export function parseThrottleRate(textValue: string, base: ThrottleRates): ThrottleRates {
  const m = /^([a-z-]+)=(\d+)\/(\d+(?:\.\d+)?)$/.exec(textValue)
  const group = m?.[1] as ActionGroup | undefined
  if (!m || group === undefined || !ACTION_GROUPS.includes(group)) {
    throw new Error(
      `--throttle ${textValue}: expected GROUP=BURST/RATE with GROUP one of ${ACTION_GROUPS.join(', ')}`,
    )
  }
  const burst = Number(m[2])
  const refillPerSecond = Number(m[3])
  if (burst < 1 || refillPerSecond <= 0)
    throw new Error(`--throttle ${textValue}: BURST must be at least 1 and RATE above 0`)
  return { ...base, [group]: { burst, refillPerSecond } }
}
