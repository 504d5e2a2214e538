import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { onEachStore } from '../fixtures/postgres-schema.js'
import { openStore, type Store } from '../../src/store/index.js'
import {
  appendEvents,
  createGroup,
  createStream,
  deleteGroup,
  getStream,
  putGroup,
  readEvents,
  readEventsNear,
  requireGroup,
} from '../../src/logs/log-store.js'
import { getEventsPage, pageCursor, type GetEventsQuery } from '../../src/logs/get-events-page.js'

const scope = { account: '000000000000', region: 'us-east-1' }
const DAY = 24 * 60 * 60 * 1000

async function open(t: Test, url: string | undefined): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qs-logs-'))
  const store = await openStore(url === undefined ? { dataDir } : { dataDir, store: url })
  t.teardown(async () => {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return store
}

void onEachStore(t, 'log_store', async (t, options) => {
  const store = await open(t, options.store)

  await t.test('groups, streams, events in order, oldest dropped past the bound', async t => {
    await store.transaction(async tx => {
      await createGroup(tx, scope, 'app', 1)
      await createStream(tx, scope, 'app', 'web/web/1', 1)
    })
    await t.rejects(
      store.transaction(tx => createGroup(tx, scope, 'app', 1)),
      { name: 'ServiceError', shapeName: 'ResourceAlreadyExistsException' },
    )
    await t.rejects(
      store.transaction(tx => createStream(tx, scope, 'nope', 's', 1)),
      { name: 'ServiceError', shapeName: 'ResourceNotFoundException' },
    )
    const now = Date.now()
    for (let batch = 0; batch < 4; batch += 1)
      await store.transaction(async tx => {
        const group = await requireGroup(tx, scope, 'app')
        const events = Array.from({ length: 10 }, (_, i) => ({
          timestamp: now,
          message: `m${String(batch * 10 + i)}`,
        }))
        // each event is 2-3 bytes + 26: a bound of 900 bytes keeps about 30 of 40
        await appendEvents(tx, scope, group, 'web/web/1', events, { now, maxStreamBytes: 900 })
      })
    const { stream, events } = await store.transaction(async tx => {
      const group = await requireGroup(tx, scope, 'app')
      const stream = await getStream(tx, scope, 'app', 'web/web/1')
      if (!stream) throw new Error('no stream')
      return { stream, events: await readEvents(tx, scope, group, stream, now) }
    })
    t.equal(stream.nextSeq, 40)
    t.ok(stream.storedBytes <= 900)
    t.equal(stream.droppedEvents + events.length, 40, 'every event kept or counted as dropped')
    t.ok(stream.droppedEvents > 0)
    t.same(
      events.map(e => e.seq),
      Array.from({ length: events.length }, (_, i) => 40 - events.length + i),
    )
    t.equal(events[events.length - 1]?.message, 'm39')
  })

  await t.test('retention hides and prunes old events', async t => {
    const now = Date.now()
    await store.transaction(async tx => {
      await createGroup(tx, scope, 'short', 1)
      await createStream(tx, scope, 'short', 's', 1)
      const group = await requireGroup(tx, scope, 'short')
      await appendEvents(tx, scope, group, 's', [{ timestamp: now - 3 * DAY, message: 'old' }], {
        now,
        maxStreamBytes: 1e6,
      })
      await appendEvents(tx, scope, group, 's', [{ timestamp: now, message: 'new' }], {
        now,
        maxStreamBytes: 1e6,
      })
      await putGroup(tx, scope, { ...group, retentionInDays: 1 })
    })
    const events = await store.transaction(async tx => {
      const group = await requireGroup(tx, scope, 'short')
      const stream = await getStream(tx, scope, 'short', 's')
      if (!stream) throw new Error('no stream')
      return readEvents(tx, scope, group, stream, now)
    })
    t.same(
      events.map(e => e.message),
      ['new'],
    )
  })

  await t.test('a page read near its cursor equals the page cut from the whole stream', async t => {
    const now = Date.now()
    await store.transaction(async tx => {
      await createGroup(tx, scope, 'paged', 1)
      await createStream(tx, scope, 'paged', 's', 1)
      const group = await requireGroup(tx, scope, 'paged')
      for (let batch = 0; batch < 40; batch += 1)
        await appendEvents(
          tx,
          scope,
          group,
          's',
          Array.from({ length: 10 }, (_, i) => ({
            timestamp: now,
            message: String(batch * 10 + i),
          })),
          { now, maxStreamBytes: 1e9 },
        )
    })
    const queries: GetEventsQuery[] = [
      { limit: 5 },
      { limit: 25, startFromHead: true },
      { limit: 7, nextToken: 'f/35' },
      { limit: 30, nextToken: 'b/200' },
      { limit: 3, nextToken: 'b/4' },
      { nextToken: 'f/400' },
      { nextToken: 'f/0' },
    ]
    for (const query of queries) {
      const [near, whole] = await store.transaction(async tx => {
        const group = await requireGroup(tx, scope, 'paged')
        const stream = await getStream(tx, scope, 'paged', 's')
        if (!stream) throw new Error('no stream')
        const cursor = pageCursor(query, stream.nextSeq)
        const some = await readEventsNear(
          tx,
          scope,
          group,
          stream,
          now,
          cursor,
          query.limit ?? 10_000,
        )
        const all = await readEvents(tx, scope, group, stream, now)
        return [
          getEventsPage(some, stream.nextSeq, query),
          getEventsPage(all, stream.nextSeq, query),
        ]
      })
      t.same(near, whole, JSON.stringify(query))
    }
  })

  await t.test('DeleteLogGroup removes streams and events', async t => {
    await store.transaction(tx => deleteGroup(tx, scope, 'app'))
    const left = await store.transaction(async tx => ({
      streams: await tx.count(scope, 'log-stream', 'app'),
      chunks: await tx.count(scope, 'log-chunk', 'app:web/web/1'),
    }))
    t.same(left, { streams: 0, chunks: 0 })
    await t.rejects(
      store.transaction(tx => deleteGroup(tx, scope, 'app')),
      { name: 'ServiceError', shapeName: 'ResourceNotFoundException' },
    )
  })
})
