/** The STOPPED transition: Docker's stop (stop signal, SIGKILL after the timeout), retried. */
import { setTimeout as sleep } from 'node:timers/promises'
import type { ContainerDetails, ContainerRuntime } from '../../docker/runtime.js'

export interface StopOptions {
  /** Seconds between the stop signal and SIGKILL. */
  readonly timeoutSeconds: number
  readonly attempts: number
  /** Pause before the second attempt; each later pause is 1.5x the previous. */
  readonly retryDelayMs: number
}

/**
 * Stops container `id` and returns its final inspect result (undefined if it is gone or cannot be
 * inspected). A failed stop is retried `attempts` times in all; the last failure is thrown
 * (`CannotStopContainerError` or `DockerTimeoutError`).
 */
export async function stopTransition(
  runtime: ContainerRuntime,
  id: string,
  options: StopOptions,
): Promise<ContainerDetails | undefined> {
  let delay = options.retryDelayMs
  for (let attempt = 1; ; attempt++) {
    try {
      await runtime.stopContainer(id, options.timeoutSeconds)
      break
    } catch (error) {
      if (attempt >= options.attempts) throw error
      await sleep(delay)
      delay *= 1.5
    }
  }
  // The exit code is only on the inspect result; losing it must not undo a successful stop.
  return runtime.inspectContainer(id).catch(() => undefined)
}
