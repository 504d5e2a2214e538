/**
 * CloudWatch Logs' quotas and rules on events, as PutLogEvents enforces them, and the checks
 * every writer of events goes through (the API and the agent channel alike): a batch of at most
 * 10,000 events and 1,048,576 bytes (each event counts its UTF-8 message plus 26 bytes), events
 * in chronological order spanning at most 24 hours, each message at most 256 KiB, and retention
 * in days from CloudWatch's fixed set.
 */
import { logsErrors as errors } from '../errors.js'

/** An event as a caller sends it (PutLogEvents `logEvents[]`). */
export interface InputEvent {
  readonly timestamp: number
  readonly message: string
}

/** An event as stored: its number in the stream and when it was stored. */
export interface StoredEvent extends InputEvent {
  readonly seq: number
  readonly ingestionTime: number
}

/** Bytes CloudWatch adds to each event's message when sizing a batch. */
export const EVENT_OVERHEAD_BYTES = 26
/** The largest PutLogEvents batch, overhead included. */
export const MAX_BATCH_BYTES = 1_048_576
export const MAX_BATCH_EVENTS = 10_000
/** The largest event, message and overhead (256 KiB, CloudWatch Logs' event quota). */
export const MAX_EVENT_BYTES = 256 * 1024
/** The widest span of timestamps in one batch. */
export const MAX_BATCH_SPAN_MS = 24 * 60 * 60 * 1000
/** The most bytes of events one GetLogEvents or FilterLogEvents answer holds. */
export const MAX_PAGE_BYTES = 1_048_576

/** The retention values CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
]

/** An event's size as CloudWatch counts it. */
export const eventBytes = (message: string): number =>
  Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD_BYTES

/** Checks a PutLogEvents batch; throws InvalidParameterException naming the rule it breaks. */
export function checkBatch(events: readonly InputEvent[]): void {
  if (events.length === 0)
    throw errors.invalidParameter('logEvents must contain at least one event.')
  if (events.length > MAX_BATCH_EVENTS)
    throw errors.invalidParameter(
      `The batch holds ${String(events.length)} log events; at most ${String(MAX_BATCH_EVENTS)} are allowed.`,
    )
  let bytes = 0
  let previous = -Infinity
  for (const [index, event] of events.entries()) {
    const size = eventBytes(event.message)
    if (size > MAX_EVENT_BYTES)
      throw errors.invalidParameter(
        `Log event ${String(index)} is ${String(size)} bytes; at most ${String(MAX_EVENT_BYTES)} are allowed.`,
      )
    if (event.timestamp < previous)
      throw errors.invalidParameter(
        'Log events in a single PutLogEvents request must be in chronological order.',
      )
    previous = event.timestamp
    bytes += size
  }
  if (bytes > MAX_BATCH_BYTES)
    throw errors.invalidParameter(
      `The batch is ${String(bytes)} bytes (26 per event included); at most ${String(MAX_BATCH_BYTES)} are allowed.`,
    )
  const first = events[0]?.timestamp ?? 0
  if (previous - first > MAX_BATCH_SPAN_MS)
    throw errors.invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    )
}

/** Checks PutRetentionPolicy's `retentionInDays`. */
export function checkRetention(days: number): void {
  if (!RETENTION_DAYS.includes(days))
    throw errors.invalidParameter(
      `1 validation error detected: Value '${String(days)}' at 'retentionInDays' failed to satisfy ` +
        `constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    )
}

/** The oldest timestamp a group with `retentionInDays` still keeps at `now`; none without one. */
export const retentionCutoff = (retentionInDays: number | undefined, now: number): number =>
  retentionInDays === undefined ? -Infinity : now - retentionInDays * 24 * 60 * 60 * 1000

/** What {@link dropOldest} keeps and what it dropped. */
export interface Trimmed {
  readonly kept: readonly StoredEvent[]
  readonly droppedEvents: number
  readonly droppedBytes: number
}

/**
 * Drops events from the front of `events` (oldest first) until at least `excessBytes` are gone
 * or none remain: how a stream over its bound makes room.
 */
export function dropOldest(events: readonly StoredEvent[], excessBytes: number): Trimmed {
  let droppedBytes = 0
  let index = 0
  while (index < events.length && droppedBytes < excessBytes) {
    droppedBytes += eventBytes(events[index]?.message ?? '')
    index += 1
  }
  return { kept: events.slice(index), droppedEvents: index, droppedBytes }
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/
const STREAM_NAME = /^[^:*]{1,512}$/

/** Checks a log group's name as CloudWatch does (1-512 of `.-_/#`, letters and digits). */
export function checkGroupName(name: string): void {
  if (!GROUP_NAME.test(name))
    throw errors.invalidParameter(
      `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+',
    )
}

/** Checks a log stream's name (1-512 characters, no `:` or `*`). */
export function checkStreamName(name: string): void {
  if (!STREAM_NAME.test(name))
    throw errors.invalidParameter(
      `1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [^:*]*',
    )
}
