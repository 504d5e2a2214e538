/**
 * ECS's throttle for a service whose tasks fail to start: while tasks of one deployment keep going
 * from PENDING to STOPPED without ever being RUNNING, the gap before the next launch doubles with
 * each consecutive failure, from `baseMs` up to `capMs` (15 minutes). The service itself does not
 * change and never stops retrying; a task that reaches RUNNING clears the count, and so does a new
 * PRIMARY deployment (state is per deployment id). Pure: the loop keeps the state in memory.
 */

/** The gap after the first failed start by default, in ms. */
export const DEFAULT_LAUNCH_BACKOFF_BASE_MS = 10_000
/** The longest gap between two launches of a failing service by default, in ms (15 minutes). */
export const DEFAULT_LAUNCH_BACKOFF_CAP_MS = 15 * 60_000

export interface LaunchBackoffOptions {
  readonly baseMs: number
  readonly capMs: number
}

/** The failed starts of one deployment since its last task that reached RUNNING. */
export interface LaunchBackoffState {
  /** Consecutive tasks that stopped without being RUNNING. */
  readonly failures: number
  /** When the last of them stopped (epoch ms). */
  readonly lastFailureAt: number
}

/** The gap after `failures` consecutive failed starts, in ms (0 for none). */
export function backoffDelayMs(failures: number, options: LaunchBackoffOptions): number {
  if (failures <= 0) return 0
  // 2 ** 40 already exceeds any sensible cap; bounding the exponent keeps the number finite.
  const delay = options.baseMs * 2 ** Math.min(failures - 1, 40)
  return Math.min(options.capMs, delay)
}

/** The earliest time (epoch ms) the deployment may launch again; 0 when it is not throttled. */
export function earliestLaunch(
  state: LaunchBackoffState | undefined,
  options: LaunchBackoffOptions,
): number {
  if (!state || state.failures <= 0) return 0
  return state.lastFailureAt + backoffDelayMs(state.failures, options)
}

/** `state` after a task of the deployment stopped at `at`, having been RUNNING or not. */
export function afterStop(
  state: LaunchBackoffState | undefined,
  reachedRunning: boolean,
  at: number,
): LaunchBackoffState | undefined {
  if (reachedRunning) return undefined
  return { failures: (state?.failures ?? 0) + 1, lastFailureAt: at }
}
