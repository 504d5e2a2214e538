/**
 * The unguessable ids in the task endpoint's paths (`/v4/<id>`, `/v2/credentials/<id>`): an HMAC
 * of the task ARN and container name under a key kept in the state dir, so a container learns only
 * its own id, and the ids (and the port, in each container's environment) stay the same when the
 * agent restarts and adopts its running containers.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { writeDurably } from '../engine/durable-file.js'

/** What `<state-dir>/task-endpoint.json` holds. */
export interface EndpointState {
  /** 32 random bytes, hex. */
  readonly key: string
  /** The port last served on (0: none yet). */
  readonly port: number
}

/** The id of container `containerName` of `taskArn` (purpose `container`) or of its role credentials. */
export function endpointId(
  key: string,
  purpose: 'container' | 'credentials',
  taskArn: string,
  containerName = '',
): string {
  return createHmac('sha256', key)
    .update(`${purpose}\n${taskArn}\n${containerName}`)
    .digest('hex')
    .slice(0, 32)
}

/** Reads the state file, or makes a fresh key when there is none (or it is unreadable). */
export async function loadEndpointState(file: string): Promise<EndpointState> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<EndpointState>
    if (typeof value.key === 'string' && /^[0-9a-f]{64}$/.test(value.key))
      return {
        key: value.key,
        port: Number.isInteger(value.port) ? (value.port ?? 0) : 0,
      }
  } catch {
    // none yet, or damaged: a fresh key (containers of a previous key keep a stale URI)
  }
  return { key: randomBytes(32).toString('hex'), port: 0 }
}

/** Saves the state (durably: the containers' environment depends on it). */
export function saveEndpointState(file: string, state: EndpointState): Promise<void> {
  return writeDurably(file, `${JSON.stringify(state)}\n`)
}
