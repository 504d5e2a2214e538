/**
 * The deadline every Engine call runs under. The call gets an `AbortSignal`; when the deadline
 * passes the signal aborts the HTTP request (so nothing is left running against the daemon) and
 * the call rejects with `DockerTimeoutError`.
 */
import { DockerTimeoutError } from '../errors.js'

/** Runs `call` with a signal that aborts after `timeoutMs`; see the module comment. */
export async function withDeadline<T>(
  operation: string,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DockerTimeoutError(operation, timeoutMs))
      controller.abort()
    }, timeoutMs)
  })
  try {
    // Promise.race subscribes to both, so the aborted call's late rejection is handled.
    return await Promise.race([call(controller.signal), expired])
  } finally {
    clearTimeout(timer)
  }
}
