/**
 * FilterLogEvents paging: the matching events of the chosen streams, merged in time order (ties
 * by stream name, then by their order in the stream), at most `limit` events and 1 MiB a page.
 * `nextToken` (opaque, bound to the call's filters by ../pagination.ts) names the last event
 * returned; the last page has none.
 */
import { createHash } from 'node:crypto'
import { logsErrors as errors } from '../errors.js'
import { decodeToken, encodeToken } from '../pagination.js'
import type { MessageFilter } from './filter-pattern.js'
import { eventBytes, MAX_PAGE_BYTES, type StoredEvent } from './limits.js'

/** An event with the stream it is in. */
export interface StreamEvent {
  readonly logStreamName: string
  readonly event: StoredEvent
}

/** What FilterLogEvents asks, besides which streams. */
export interface FilterQuery {
  readonly startTime?: number | undefined
  readonly endTime?: number | undefined
  readonly nextToken?: string | undefined
  readonly limit?: number | undefined
  /** What the token is bound to (group, streams, pattern, times). */
  readonly filters: unknown
}

/** A FilterLogEvents answer's `events[]` entry. */
export interface FilteredEvent {
  readonly logStreamName: string
  readonly timestamp: number
  readonly message: string
  readonly ingestionTime: number
  readonly eventId: string
}

export interface FilterPage {
  readonly events: readonly FilteredEvent[]
  readonly nextToken?: string
}

export const MAX_FILTER_LIMIT = 10_000

type Key = readonly [number, string, number]

const keyOf = (e: StreamEvent): Key => [e.event.timestamp, e.logStreamName, e.event.seq]

function compare(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] - b[0]
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1
  return a[2] - b[2]
}

function readKey(text: string): Key {
  const value: unknown = JSON.parse(text)
  if (
    Array.isArray(value) &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number'
  )
    return [value[0], value[1], value[2]]
  throw errors.invalidParameter('Invalid nextToken.')
}

/** An id unique within the group: the stream's hash and the event's number. */
const eventId = (e: StreamEvent): string =>
  `${createHash('sha256').update(e.logStreamName).digest('hex').slice(0, 12)}${String(e.event.seq).padStart(20, '0')}`

/** The page of `events` (any order) that match `filter` and `query`. */
export function filterEventsPage(
  events: readonly StreamEvent[],
  filter: MessageFilter,
  query: FilterQuery,
): FilterPage {
  const limit = query.limit ?? MAX_FILTER_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FILTER_LIMIT)
    throw errors.invalidParameter(`limit must be between 1 and ${String(MAX_FILTER_LIMIT)}.`)
  const after = decodeToken('FilterLogEvents', query.filters, query.nextToken)
  const from = after === undefined ? undefined : readKey(after)
  const matching = events
    .filter(
      e =>
        (query.startTime === undefined || e.event.timestamp >= query.startTime) &&
        (query.endTime === undefined || e.event.timestamp <= query.endTime) &&
        (from === undefined || compare(keyOf(e), from) > 0),
    )
    .sort((a, b) => compare(keyOf(a), keyOf(b)))
  const page: StreamEvent[] = []
  let bytes = 0
  for (const e of matching) {
    if (!filter(e.event.message)) continue
    bytes += eventBytes(e.event.message)
    if (page.length === limit || bytes > MAX_PAGE_BYTES) {
      const last = page[page.length - 1]
      return {
        events: page.map(render),
        ...(last
          ? {
              nextToken: encodeToken('FilterLogEvents', query.filters, JSON.stringify(keyOf(last))),
            }
          : {}),
      }
    }
    page.push(e)
  }
  return { events: page.map(render) }
}

const render = (e: StreamEvent): FilteredEvent => ({
  logStreamName: e.logStreamName,
  timestamp: e.event.timestamp,
  message: e.event.message,
  ingestionTime: e.event.ingestionTime,
  eventId: eventId(e),
})
