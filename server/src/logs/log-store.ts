/**
 * CloudWatch Logs data in the server's store, on either database, through the Store interface's
 * documents (no table of its own, so no migration): a `log-group` document per group (id: its
 * name), a `log-stream` document per stream (id `<group>:<stream>`, parent the group; neither
 * name may contain `:`), and the events in `log-chunk` documents, one per stored batch (id
 * `<group>:<stream>:<first sequence number, 15 digits>`, parent the stream's id). A batch of
 * events costs one row however many lines it holds, and dropping the oldest events of a stream
 * deletes or rewrites its first chunks only.
 *
 * Every event gets the stream's next sequence number; GetLogEvents tokens are those numbers.
 * Each stream holds at most `maxStreamBytes` (events sized as CloudWatch sizes them): past that
 * its oldest events are dropped, and the stream counts what it dropped (`droppedEvents`,
 * `droppedBytes`, off the wire). A group's retention hides older events at once and deletes
 * their chunks as later writes to the stream pass by.
 */
import { logsErrors as errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'
import {
  checkGroupName,
  checkStreamName,
  dropOldest,
  eventBytes,
  retentionCutoff,
  type InputEvent,
  type StoredEvent,
} from './limits.js'

/** A log group as stored. */
export interface LogGroupRecord {
  readonly logGroupName: string
  readonly creationTime: number
  readonly retentionInDays?: number | undefined
}

/** A log stream as stored. */
export interface LogStreamRecord {
  readonly logGroupName: string
  readonly logStreamName: string
  readonly creationTime: number
  readonly firstEventTimestamp?: number | undefined
  readonly lastEventTimestamp?: number | undefined
  readonly lastIngestionTime?: number | undefined
  readonly storedBytes: number
  /** The sequence number the next event gets. */
  readonly nextSeq: number
  /** Events dropped to keep the stream within its bound, and their bytes. */
  readonly droppedEvents: number
  readonly droppedBytes: number
}

interface ChunkRecord {
  readonly events: readonly StoredEvent[]
  readonly bytes: number
  /** The newest timestamp in the chunk, for retention. */
  readonly maxTimestamp: number
}

/** Per stream, 64 MiB by default (startServer option `logStreamMaxBytes`). */
export const DEFAULT_STREAM_MAX_BYTES = 64 * 1024 * 1024

const streamId = (group: string, stream: string) => `${group}:${stream}`
const chunkId = (group: string, stream: string, seq: number) =>
  `${streamId(group, stream)}:${String(seq).padStart(15, '0')}`

const groupMissing = () => errors.resourceNotFound('The specified log group does not exist.')
const streamMissing = () => errors.resourceNotFound('The specified log stream does not exist.')

export async function getGroup(
  tx: Transaction,
  scope: Scope,
  group: string,
): Promise<LogGroupRecord | undefined> {
  return (await tx.get<LogGroupRecord>(scope, 'log-group', group))?.body
}

/** The group, or ResourceNotFoundException. */
export async function requireGroup(
  tx: Transaction,
  scope: Scope,
  group: string,
): Promise<LogGroupRecord> {
  const found = await getGroup(tx, scope, group)
  if (!found) throw groupMissing()
  return found
}

export async function getStream(
  tx: Transaction,
  scope: Scope,
  group: string,
  stream: string,
): Promise<LogStreamRecord | undefined> {
  return (await tx.get<LogStreamRecord>(scope, 'log-stream', streamId(group, stream)))?.body
}

/** Creates a group; ResourceAlreadyExistsException when it exists. */
export async function createGroup(
  tx: Transaction,
  scope: Scope,
  group: string,
  now: number,
): Promise<LogGroupRecord> {
  checkGroupName(group)
  if (await getGroup(tx, scope, group))
    throw errors.resourceAlreadyExists('The specified log group already exists')
  const record: LogGroupRecord = { logGroupName: group, creationTime: now }
  await tx.put(scope, 'log-group', group, '', record)
  return record
}

export async function putGroup(
  tx: Transaction,
  scope: Scope,
  record: LogGroupRecord,
): Promise<void> {
  await tx.put(scope, 'log-group', record.logGroupName, '', record)
}

/** Removes a group with its streams and events; ResourceNotFoundException when missing. */
export async function deleteGroup(tx: Transaction, scope: Scope, group: string): Promise<void> {
  if (!(await tx.delete(scope, 'log-group', group))) throw groupMissing()
  for (const stream of await listStreams(tx, scope, group))
    await deleteChunks(tx, scope, streamId(group, stream.logStreamName))
  for (const doc of await tx.list(scope, 'log-stream', { parent: group }))
    await tx.delete(scope, 'log-stream', doc.id)
}

async function deleteChunks(tx: Transaction, scope: Scope, parent: string): Promise<void> {
  for (const doc of await tx.list(scope, 'log-chunk', { parent }))
    await tx.delete(scope, 'log-chunk', doc.id)
}

/** Creates a stream; ResourceNotFoundException without its group, ResourceAlreadyExists if there. */
export async function createStream(
  tx: Transaction,
  scope: Scope,
  group: string,
  stream: string,
  now: number,
): Promise<LogStreamRecord> {
  checkStreamName(stream)
  await requireGroup(tx, scope, group)
  if (await getStream(tx, scope, group, stream))
    throw errors.resourceAlreadyExists('The specified log stream already exists')
  const record: LogStreamRecord = {
    logGroupName: group,
    logStreamName: stream,
    creationTime: now,
    storedBytes: 0,
    nextSeq: 0,
    droppedEvents: 0,
    droppedBytes: 0,
  }
  await tx.put(scope, 'log-stream', streamId(group, stream), group, record)
  return record
}

/** A group's streams, by name (optionally those starting with `prefix`). */
export async function listStreams(
  tx: Transaction,
  scope: Scope,
  group: string,
  prefix = '',
): Promise<LogStreamRecord[]> {
  const docs = await tx.list<LogStreamRecord>(scope, 'log-stream', {
    parent: group,
    prefix: streamId(group, prefix),
  })
  return docs.map(d => d.body)
}

/** Options of {@link appendEvents}. */
export interface AppendOptions {
  readonly now: number
  readonly maxStreamBytes: number
}

/**
 * Stores `events` (checked already: ./limits.ts `checkBatch`) at the end of an existing stream,
 * then drops its oldest events past the bound and its chunks past the group's retention.
 */
export async function appendEvents(
  tx: Transaction,
  scope: Scope,
  group: LogGroupRecord,
  streamName: string,
  events: readonly InputEvent[],
  options: AppendOptions,
): Promise<LogStreamRecord> {
  const name = group.logGroupName
  const stream = await getStream(tx, scope, name, streamName)
  if (!stream) throw streamMissing()
  if (events.length === 0) return stream
  const stored = events.map((e, i) => ({
    seq: stream.nextSeq + i,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: options.now,
  }))
  const bytes = stored.reduce((sum, e) => sum + eventBytes(e.message), 0)
  const timestamps = stored.map(e => e.timestamp)
  const chunk: ChunkRecord = { events: stored, bytes, maxTimestamp: Math.max(...timestamps) }
  await tx.put(
    scope,
    'log-chunk',
    chunkId(name, streamName, stream.nextSeq),
    streamId(name, streamName),
    chunk,
  )
  let next: LogStreamRecord = {
    ...stream,
    nextSeq: stream.nextSeq + stored.length,
    storedBytes: stream.storedBytes + bytes,
    firstEventTimestamp: Math.min(stream.firstEventTimestamp ?? Infinity, ...timestamps),
    lastEventTimestamp: Math.max(stream.lastEventTimestamp ?? -Infinity, ...timestamps),
    lastIngestionTime: options.now,
  }
  next = await enforceBound(tx, scope, next, options.maxStreamBytes)
  next = await pruneExpired(tx, scope, next, retentionCutoff(group.retentionInDays, options.now))
  await tx.put(scope, 'log-stream', streamId(name, streamName), name, next)
  return next
}

async function enforceBound(
  tx: Transaction,
  scope: Scope,
  stream: LogStreamRecord,
  maxBytes: number,
): Promise<LogStreamRecord> {
  let current = stream
  const parent = streamId(stream.logGroupName, stream.logStreamName)
  while (current.storedBytes > maxBytes) {
    const [oldest] = await tx.list<ChunkRecord>(scope, 'log-chunk', { parent, limit: 1 })
    if (!oldest) break
    const trimmed = dropOldest(oldest.body.events, current.storedBytes - maxBytes)
    if (trimmed.kept.length === 0) await tx.delete(scope, 'log-chunk', oldest.id)
    else
      await tx.put(scope, 'log-chunk', oldest.id, parent, {
        ...oldest.body,
        events: trimmed.kept,
        bytes: oldest.body.bytes - trimmed.droppedBytes,
      })
    current = {
      ...current,
      storedBytes: current.storedBytes - trimmed.droppedBytes,
      droppedEvents: current.droppedEvents + trimmed.droppedEvents,
      droppedBytes: current.droppedBytes + trimmed.droppedBytes,
    }
  }
  return current
}

/** Deletes the stream's oldest chunks whose every event is older than `cutoff` (a few per call). */
async function pruneExpired(
  tx: Transaction,
  scope: Scope,
  stream: LogStreamRecord,
  cutoff: number,
): Promise<LogStreamRecord> {
  if (cutoff === -Infinity) return stream
  const parent = streamId(stream.logGroupName, stream.logStreamName)
  let current = stream
  for (const chunk of await tx.list<ChunkRecord>(scope, 'log-chunk', { parent, limit: 8 })) {
    if (chunk.body.maxTimestamp >= cutoff) break
    await tx.delete(scope, 'log-chunk', chunk.id)
    current = { ...current, storedBytes: current.storedBytes - chunk.body.bytes }
  }
  return current
}

/** Every event of the stream still within the group's retention at `now`, in order. */
export async function readEvents(
  tx: Transaction,
  scope: Scope,
  group: LogGroupRecord,
  stream: LogStreamRecord,
  now: number,
): Promise<StoredEvent[]> {
  const cutoff = retentionCutoff(group.retentionInDays, now)
  const chunks = await tx.list<ChunkRecord>(scope, 'log-chunk', {
    parent: streamId(stream.logGroupName, stream.logStreamName),
  })
  const events: StoredEvent[] = []
  for (const chunk of chunks) {
    if (chunk.body.maxTimestamp < cutoff) continue
    for (const event of chunk.body.events) if (event.timestamp >= cutoff) events.push(event)
  }
  return events
}

/**
 * The events a GetLogEvents page at `cursor` may need, read chunk by chunk from its position
 * (forward, or backward from before it) until `wanted` events are in hand or the stream ends,
 * so a page costs the chunks it touches rather than the whole stream. Retention applied.
 */
export async function readEventsNear(
  tx: Transaction,
  scope: Scope,
  group: LogGroupRecord,
  stream: LogStreamRecord,
  now: number,
  cursor: { readonly direction: 'f' | 'b'; readonly position: number },
  wanted: number,
): Promise<StoredEvent[]> {
  const cutoff = retentionCutoff(group.retentionInDays, now)
  const parent = streamId(stream.logGroupName, stream.logStreamName)
  const at = chunkId(stream.logGroupName, stream.logStreamName, cursor.position)
  const forward = cursor.direction === 'f'
  const chunks: ChunkRecord[] = []
  let count = 0
  if (forward) {
    // the chunk holding `position` starts at or before it
    const [holding] = await tx.list<ChunkRecord>(scope, 'log-chunk', {
      parent,
      before: `${at}~`,
      descending: true,
      limit: 1,
    })
    let after = holding ? undefined : at
    if (holding) {
      chunks.push(holding.body)
      count += holding.body.events.filter(e => e.seq >= cursor.position).length
      after = holding.id
    }
    while (count < wanted + 1) {
      const page = await tx.list<ChunkRecord>(scope, 'log-chunk', { parent, after, limit: 16 })
      for (const chunk of page) {
        chunks.push(chunk.body)
        count += chunk.body.events.length
      }
      const last = page[page.length - 1]
      if (!last || page.length < 16) break
      after = last.id
    }
  } else {
    let before = at
    while (count < wanted + 1) {
      const page = await tx.list<ChunkRecord>(scope, 'log-chunk', {
        parent,
        before,
        descending: true,
        limit: 16,
      })
      for (const chunk of page) {
        chunks.unshift(chunk.body)
        count += chunk.body.events.length
      }
      const last = page[page.length - 1]
      if (!last || page.length < 16) break
      before = last.id
    }
  }
  return chunks.flatMap(chunk =>
    chunk.maxTimestamp < cutoff ? [] : chunk.events.filter(e => e.timestamp >= cutoff),
  )
}
