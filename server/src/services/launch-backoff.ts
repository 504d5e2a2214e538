/**
 * ECS's throttle for a service whose tasks fail to start: while tasks of one deployment keep going
 * from PENDING to STOPPED without ever being RUNNING, the gap before the next launch doubles with
 * each consecutive failure, from `baseMs` up to `capMs` (15 minutes). The service itself does not
 * change and never stops retrying; a task that reaches RUNNING clears the count, and so does a new
 * PRIMARY deployment (state is per deployment id). Pure: the state is derived from the service's
 * stored tasks ({@link failedStarts}), so it holds whichever server replica heard the reports.
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

/** Stop codes of tasks stopped on purpose (StopTask, scale-in, draining): not a failed start. */
const DELIBERATE = new Set(['UserInitiated', 'ServiceSchedulerInitiated'])

/** A task of a service as the back-off reads it (times in epoch seconds, as tasks keep them). */
export interface StartOutcome {
  /** The deployment that started it (`startedBy`). */
  readonly deployment?: string | undefined
  readonly lastStatus: string
  readonly startedAt?: number | undefined
  readonly stoppedAt?: number | undefined
  readonly stopCode?: string | undefined
}

/**
 * The failed starts of `deployment` among `tasks` (the service's tasks, stopped ones included):
 * tasks that stopped without ever being RUNNING, not on purpose, after the last time a task of
 * the deployment reached RUNNING. Undefined when there are none.
 */
export function failedStarts(
  tasks: readonly StartOutcome[],
  deployment: string,
): LaunchBackoffState | undefined {
  let lastRunning = -Infinity
  for (const t of tasks)
    if (t.deployment === deployment && t.startedAt !== undefined)
      lastRunning = Math.max(lastRunning, t.startedAt)
  let failures = 0
  let lastFailureAt = -Infinity
  for (const t of tasks) {
    if (t.deployment !== deployment || t.lastStatus !== 'STOPPED' || t.startedAt !== undefined)
      continue
    if (DELIBERATE.has(t.stopCode ?? '')) continue
    const at = t.stoppedAt ?? 0
    if (at <= lastRunning) continue
    failures += 1
    lastFailureAt = Math.max(lastFailureAt, at)
  }
  return failures > 0 ? { failures, lastFailureAt: lastFailureAt * 1000 } : undefined
}
