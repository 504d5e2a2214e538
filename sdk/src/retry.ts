/**
 * Retry policy: which failures are worth repeating, how long to wait, and the loop that does it.
 * Throttling errors, 5xx answers, timeouts and connection failures are retried with exponential
 * backoff and full jitter (wait a random time between 0 and min(cap, base × 2^attempt)); any other
 * 4xx is the caller's mistake and is never repeated.
 */
import { AbortError, isEcsSdkError, isEcsServiceError } from './errors.js'

/** Retry settings; every field optional. */
export interface RetryOptions {
  /** Total tries including the first (default 3; 1 disables retries). */
  readonly maxAttempts?: number | undefined
  /** Backoff base in milliseconds (default 100). */
  readonly baseDelayMs?: number | undefined
  /** Upper bound of one wait in milliseconds (default 20 000). */
  readonly maxDelayMs?: number | undefined
}

/** {@link RetryOptions} with the defaults filled in. */
export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 20_000 }

/** Error names the AWS SDKs treat as throttling, whatever the HTTP status. */
export const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
])

/** Error names that mean "try again later" although they are not throttling. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(['RequestTimeout', 'RequestTimeoutException'])

/** Merges user options over the defaults, refusing nonsense (fewer than one attempt). */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
  }
}

/** Whether a failed call may succeed if repeated. Only SDK errors are ever retried. */
export function isRetryable(error: unknown): boolean {
  if (isEcsServiceError(error)) {
    return (
      THROTTLING_ERRORS.has(error.name) ||
      TRANSIENT_ERRORS.has(error.name) ||
      error.statusCode === 429 ||
      error.statusCode >= 500
    )
  }
  return (
    isEcsSdkError(error) && (error.code === 'ECS_SDK_NETWORK' || error.code === 'ECS_SDK_TIMEOUT')
  )
}

/** Full-jitter wait before retry number `retry` (0 for the first retry). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** Resolves after `ms`, or rejects with {@link AbortError} as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ cause: signal.reason }))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortError({ cause: signal?.reason }))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not retryable, or has been tried
 * `policy.maxAttempts` times; the last error is thrown as is.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal | undefined; random?: () => number } = {},
): Promise<T> {
  const random = options.random ?? Math.random
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(tries)
    } catch (error) {
      if (tries >= policy.maxAttempts || !isRetryable(error)) throw error
      await sleep(backoffDelay(policy, tries - 1, random), options.signal)
    }
  }
}
