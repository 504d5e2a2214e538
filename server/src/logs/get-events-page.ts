/**
 * GetLogEvents paging, as CloudWatch Logs pages: without a token the page is the stream's newest
 * events (or, with `startFromHead`, its oldest); a token `f/<n>` reads forward from event number
 * n, `b/<n>` backward from before it. Every answer carries both tokens, and a page that reaches
 * the end in its direction gives back the very token it was asked with: the AWS SDKs' and CLI's
 * paginators stop when the token repeats.
 *
 * Positions are the stream's event sequence numbers (./log-store.ts numbers events as they are
 * stored), so a token stays valid while older events are dropped or newer ones arrive.
 */
import { logsErrors as errors } from '../errors.js'
import { eventBytes, MAX_PAGE_BYTES, type StoredEvent } from './limits.js'

/** What GetLogEvents asks. */
export interface GetEventsQuery {
  readonly startTime?: number | undefined
  readonly endTime?: number | undefined
  readonly nextToken?: string | undefined
  readonly limit?: number | undefined
  readonly startFromHead?: boolean | undefined
}

/** One page: its events in ascending order and the two tokens. */
export interface EventsPage {
  readonly events: readonly StoredEvent[]
  readonly nextForwardToken: string
  readonly nextBackwardToken: string
}

/** The most events a page holds (GetLogEvents `limit`, 1-10,000, default 10,000). */
export const MAX_GET_LIMIT = 10_000

/** Where a page starts: forward from event `position`, or backward from before it. */
export interface Cursor {
  readonly direction: 'f' | 'b'
  readonly position: number
}

function readToken(token: string): Cursor {
  const match = /^([fb])\/(\d{1,15})$/.exec(token)
  if (!match?.[1] || !match[2]) throw errors.invalidParameter('The specified nextToken is invalid.')
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) }
}

/**
 * The page of `events` that `query` asks for: `events` in sequence order, retention already
 * applied, the whole stream or at least the run of it the page needs (./log-store.ts
 * `readEventsNear`); `end` is the sequence number the next stored event will get.
 */
export function getEventsPage(
  events: readonly StoredEvent[],
  end: number,
  query: GetEventsQuery,
): EventsPage {
  const limit = query.limit ?? MAX_GET_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GET_LIMIT)
    throw errors.invalidParameter(`limit must be between 1 and ${MAX_GET_LIMIT}.`)
  const cursor = pageCursor(query, end)
  const inTime = events.filter(
    e =>
      (query.startTime === undefined || e.timestamp >= query.startTime) &&
      (query.endTime === undefined || e.timestamp < query.endTime),
  )
  const page =
    cursor.direction === 'f'
      ? takeForward(inTime, cursor.position, limit)
      : takeBackward(inTime, cursor.position, limit)
  const first = page[0]
  const last = page[page.length - 1]
  const given = query.nextToken
  return {
    events: page,
    nextForwardToken: last
      ? `f/${String(last.seq + 1)}`
      : (given ?? `f/${String(cursor.position)}`),
    nextBackwardToken: first ? `b/${String(first.seq)}` : (given ?? `b/${String(cursor.position)}`),
  }
}

/** The cursor `query` asks for (`end`: the sequence number the next stored event will get). */
export function pageCursor(query: GetEventsQuery, end: number): Cursor {
  if (query.nextToken !== undefined) return readToken(query.nextToken)
  return query.startFromHead === true
    ? { direction: 'f', position: 0 }
    : { direction: 'b', position: end }
}

function takeForward(events: readonly StoredEvent[], from: number, limit: number): StoredEvent[] {
  const page: StoredEvent[] = []
  let bytes = 0
  for (const event of events) {
    if (event.seq < from) continue
    bytes += eventBytes(event.message)
    if (page.length === limit || bytes > MAX_PAGE_BYTES) break
    page.push(event)
  }
  return page
}

function takeBackward(
  events: readonly StoredEvent[],
  before: number,
  limit: number,
): StoredEvent[] {
  const page: StoredEvent[] = []
  let bytes = 0
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i]
    if (!event || event.seq >= before) continue
    bytes += eventBytes(event.message)
    if (page.length === limit || bytes > MAX_PAGE_BYTES) break
    page.push(event)
  }
  return page.reverse()
}
