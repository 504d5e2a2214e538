/**
 * The waiter engine behind `ecs.waitFor.<waiter>(input, options)`: call the operation, test the
 * acceptors in order, and sleep and repeat until one says success or failure or time runs out.
 *
 *   call ─► outcome (output | error) ─► first matching acceptor
 *             success → resolve with the output
 *             failure → WaiterFailureError (with the acceptor)
 *             retry / none matched → sleep, unless the deadline would pass → WaiterTimeoutError
 *   An error that no acceptor matches ends the wait: it is thrown as is.
 *
 * Acceptor expressions are JMESPath, evaluated by the `jmespath` library. Delays follow the AWS
 * SDKs: the n-th wait is a random time between `minDelay` and min(`maxDelay`, minDelay × 2^(n-1)).
 */
import jmespath from 'jmespath'
import { isEcsServiceError, WaiterFailureError, WaiterTimeoutError } from './errors.js'
import { sleep } from './retry.js'

/** One acceptor of waiters-2.json, as the spec's `x-waiters` carries it. */
export interface Acceptor {
  readonly state: 'success' | 'failure' | 'retry'
  readonly matcher: 'path' | 'pathAll' | 'pathAny' | 'status' | 'error'
  readonly argument?: string
  readonly expected: unknown
}

/** One waiter: the operation it polls, its model defaults (seconds) and its acceptors. */
export interface WaiterSpec {
  readonly name: string
  readonly operation: string
  readonly delay: number
  readonly maxAttempts: number
  readonly acceptors: readonly Acceptor[]
}

/** How long and how often to wait. All durations in seconds (fractions allowed). */
export interface WaiterOptions {
  /** Give up after this long (default: the model's delay × maxAttempts). */
  readonly maxWaitSeconds?: number | undefined
  /** Shortest wait between calls (default: the model's delay). */
  readonly minDelay?: number | undefined
  /** Longest wait between calls (default: 120, or minDelay if that is larger). */
  readonly maxDelay?: number | undefined
  /** Stops waiting (and any call in flight) with an AbortError. */
  readonly signal?: AbortSignal | undefined
}

/** Time source of the engine; tests replace it. */
export interface WaiterClock {
  readonly now: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly random: () => number
}

const realClock: WaiterClock = { now: Date.now, sleep, random: Math.random }

type Outcome<O> = { readonly output: O } | { readonly error: unknown }

function equal(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b))
}

// JMESPath functions throw on a wrong argument type (`length(null)` when `services` is absent);
// an expression that cannot be evaluated on this output simply does not match it.
function search(output: unknown, expression: string | undefined): unknown {
  try {
    return jmespath.search(output, expression ?? '@')
  } catch {
    return undefined
  }
}

/** Whether `acceptor` matches the outcome of one call. */
export function matches<O>(acceptor: Acceptor, outcome: Outcome<O>): boolean {
  if ('error' in outcome) {
    if (acceptor.matcher === 'error') {
      if (typeof acceptor.expected === 'boolean') return acceptor.expected
      return isEcsServiceError(outcome.error) && outcome.error.name === acceptor.expected
    }
    if (acceptor.matcher === 'status') {
      return isEcsServiceError(outcome.error) && outcome.error.statusCode === acceptor.expected
    }
    return false
  }
  switch (acceptor.matcher) {
    case 'error':
      return acceptor.expected === false
    case 'status':
      return acceptor.expected === 200
    case 'path':
      return equal(search(outcome.output, acceptor.argument), acceptor.expected)
    case 'pathAll':
    case 'pathAny': {
      const result = search(outcome.output, acceptor.argument)
      if (!Array.isArray(result) || result.length === 0) return false
      return acceptor.matcher === 'pathAll'
        ? result.every(item => equal(item, acceptor.expected))
        : result.some(item => equal(item, acceptor.expected))
    }
  }
}

/** The wait before attempt `attempt + 1`, in milliseconds. */
export function waiterDelay(attempt: number, minMs: number, maxMs: number, random: () => number) {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt - 1, 30))
  return minMs + random() * (ceiling - minMs)
}

/**
 * Polls `call(input)` as `spec` says until an acceptor decides. Resolves with the output that
 * matched a success acceptor (for an error-matcher success, with undefined).
 */
export async function waitUntil<Input, Output>(
  call: (input: Input, signal: AbortSignal | undefined) => Promise<Output>,
  spec: WaiterSpec,
  input: Input,
  options: WaiterOptions = {},
  clock: WaiterClock = realClock,
): Promise<Output> {
  const started = clock.now()
  const minMs = (options.minDelay ?? spec.delay) * 1000
  const maxMs = Math.max(minMs, (options.maxDelay ?? 120) * 1000)
  const deadline = started + (options.maxWaitSeconds ?? spec.delay * spec.maxAttempts) * 1000
  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome<Output>
    try {
      outcome = { output: await call(input, options.signal) }
    } catch (error) {
      outcome = { error }
    }
    const state = {
      waiter: spec.name,
      attempts: attempt,
      elapsedMs: clock.now() - started,
      ...('output' in outcome ? { lastOutput: outcome.output } : { lastError: outcome.error }),
    }
    const acceptor = spec.acceptors.find(candidate => matches(candidate, outcome))
    if (acceptor?.state === 'success')
      return 'output' in outcome ? outcome.output : (undefined as Output)
    if (acceptor?.state === 'failure') throw new WaiterFailureError(state, acceptor)
    if (acceptor === undefined && 'error' in outcome) throw outcome.error
    const wait = waiterDelay(attempt, minMs, maxMs, clock.random)
    if (clock.now() + wait > deadline) throw new WaiterTimeoutError(state)
    await clock.sleep(wait, options.signal)
  }
}
