/**
 * How failures of Engine API calls (dockerode errors, socket errors, aborts) become the agent's
 * named errors. Pure: classification only, no I/O.
 */
import { isAgentError, type AgentError, type AgentErrorOptions } from '../errors.js'

/** A named error class of the catalogue, as a value. */
export type AgentErrorClass = new (message: string, options?: AgentErrorOptions) => AgentError

/** The HTTP status of a failed Engine call (dockerode sets `statusCode`), if it got that far. */
export function dockerStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { statusCode?: unknown }).statusCode
  return typeof status === 'number' ? status : undefined
}

/**
 * The most useful text of a failed call: the Engine's own `message` from the JSON error body
 * ("No such image: ...", "port is already allocated") rather than dockerode's wrapper, else the
 * error's message (a socket error: "connect ENOENT /var/run/docker.sock").
 */
export function dockerMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const json = (error as { json?: unknown }).json
  if (typeof json === 'object' && json !== null) {
    const message = (json as { message?: unknown }).message
    if (typeof message === 'string' && message !== '') return message
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim()
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' ? message.trim() : 'unknown Docker Engine error'
}

/**
 * `error` as an agent error: an agent error already (a timeout, say) passes through unchanged;
 * anything else becomes a `Kind` whose message is the Engine's text and whose cause is `error`.
 */
export function toAgentError(error: unknown, Kind: AgentErrorClass): AgentError {
  if (isAgentError(error)) return error
  return new Kind(dockerMessage(error), { cause: error })
}
