/**
 * Docker's event stream (`GET /events`): newline-delimited JSON objects, read here into
 * {@link RuntimeEvent}s. Pure apart from consuming the byte stream it is given.
 */
import type { DockerHealth, RuntimeEvent } from './runtime.js'

/** The parts of an Engine event message the agent reads (API 1.22+ field names). */
export interface RawEvent {
  readonly Type?: string
  readonly Action?: string
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Record<string, string> | null }
  readonly time?: number
  readonly timeNano?: number
}

const ACTIONS = new Set(['create', 'start', 'die', 'oom', 'destroy'])
const HEALTH_PREFIX = 'health_status: '

/** The Engine's `event` filter values for what {@link parseDockerEvent} understands. */
export const EVENT_FILTER: readonly string[] = [...ACTIONS, 'health_status']

/**
 * The runtime event for one Engine message, or undefined for one the agent does not use.
 * `labels` is the Actor's attributes: the container's labels plus Docker's own `name`, `image`
 * and (for `die`) `exitCode`.
 */
export function parseDockerEvent(raw: RawEvent): RuntimeEvent | undefined {
  const id = raw.Actor?.ID
  const action = raw.Action ?? ''
  if (raw.Type !== 'container' || id === undefined) return undefined
  const labels = raw.Actor?.Attributes ?? {}
  const time = new Date(
    raw.timeNano !== undefined ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
  )
  if (action.startsWith(HEALTH_PREFIX)) {
    const status = action.slice(HEALTH_PREFIX.length)
    if (status !== 'healthy' && status !== 'unhealthy' && status !== 'starting') return undefined
    const health: DockerHealth = status
    return { type: 'container', action: 'health', id, labels, health, time }
  }
  if (!ACTIONS.has(action)) return undefined
  const kind = action as 'create' | 'start' | 'die' | 'oom' | 'destroy'
  const exitCode = Number(labels['exitCode'])
  if (kind === 'die' && labels['exitCode'] !== undefined && Number.isInteger(exitCode)) {
    return { type: 'container', action: kind, id, labels, exitCode, time }
  }
  return { type: 'container', action: kind, id, labels, time }
}

/** Splits a byte stream into parsed JSON values, one per non-empty line; bad lines are skipped. */
export async function* jsonLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator {
  let buffer = ''
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim()
      buffer = buffer.slice(newline + 1)
      newline = buffer.indexOf('\n')
      if (line === '') continue
      try {
        yield JSON.parse(line) as unknown
      } catch {
        // A torn or non-JSON line (a proxy's noise) must not end the stream; the next line is fine.
      }
    }
  }
  const rest = buffer.trim()
  if (rest !== '') {
    try {
      yield JSON.parse(rest) as unknown
    } catch {
      // As above: a trailing fragment cut by a dropped connection is not an event.
    }
  }
}
