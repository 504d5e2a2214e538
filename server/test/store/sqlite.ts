import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openStore } from '../../src/store/index.js'
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import { storeSuite } from '../fixtures/store-suite.js'

t.test('the store contract on SQLite', async t => {
  const dir = t.testdir()
  await storeSuite(t, () => Promise.resolve(openSqliteStore(dir)))
})

t.test('a database from a newer quayside is refused and left alone', async t => {
  const dir = t.testdir()
  await openSqliteStore(dir).close()
  const db = new Database(join(dir, 'quayside.db'))
  db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (99, ?)').run('later')
  db.close()
  t.throws(() => openSqliteStore(dir), { code: 'ECS_SRV_STORE_TOO_NEW', message: /version 99/ })
  const check = new Database(join(dir, 'quayside.db'))
  t.equal(
    check.prepare<[], { v: number }>('SELECT max(version) AS v FROM schema_migrations').get()?.v,
    99,
  )
  check.close()
})

t.test('a version 1 database moves to the rowid table with every document intact', async t => {
  const dir = t.testdir()
  const db = new Database(join(dir, 'quayside.db'))
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
  for (const statement of MIGRATIONS[0]?.sqlite ?? []) db.exec(statement)
  db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (1, ?)').run('then')
  const insert = db.prepare(
    'INSERT INTO documents (account, region, kind, id, parent, body) VALUES (?, ?, ?, ?, ?, ?)',
  )
  for (const id of ['c', 'a', 'b'])
    insert.run('123456789012', 'us-east-1', 'task', id, 'web', JSON.stringify({ id }))
  insert.run('123456789012', 'us-east-1', 'cluster', 'web', '', JSON.stringify({ name: 'web' }))
  db.prepare(
    "INSERT INTO counters (account, region, name, value) VALUES ('123456789012', 'us-east-1', 'n', 41)",
  ).run()
  db.close()

  const store = openSqliteStore(dir)
  const scope = { account: '123456789012', region: 'us-east-1' }
  const seen = await store.transaction(async tx => ({
    tasks: (await tx.list(scope, 'task', { parent: 'web' })).map(d => d.body),
    cluster: (await tx.get(scope, 'cluster', 'web'))?.body,
    counter: await tx.increment(scope, 'n'),
  }))
  t.same(seen, {
    tasks: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    cluster: { name: 'web' },
    counter: 42,
  })
  // Keys stay unique: a put of an existing id replaces it.
  await store.transaction(tx => tx.put(scope, 'task', 'a', 'web', { id: 'a', v: 2 }))
  t.same(
    await store.transaction(async tx =>
      (await tx.list(scope, 'task', { prefix: 'a' })).map(d => d.body),
    ),
    [{ id: 'a', v: 2 }],
  )
  await store.close()

  const check = new Database(join(dir, 'quayside.db'))
  const table = check
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'documents'")
    .get()
  t.notMatch(table?.sql ?? '', /WITHOUT ROWID/)
  t.equal(
    check.prepare<[], { v: number }>('SELECT max(version) AS v FROM schema_migrations').get()?.v,
    LATEST_VERSION,
  )
  check.close()
})

t.test('openStore picks the store from the URL', async t => {
  const dir = t.testdir()
  const byDefault = await openStore({ dataDir: dir })
  t.equal(byDefault.kind, 'sqlite')
  await byDefault.close()
  const explicit = await openStore({ store: `sqlite:${dir}`, dataDir: '/nonexistent' })
  t.equal(explicit.kind, 'sqlite')
  await explicit.close()
  await explicit.close()
  await t.rejects(
    explicit.transaction(() => Promise.resolve()),
    /closed/,
  )
  await t.rejects(openStore({ store: 'mysql://x', dataDir: dir }), { code: 'ECS_SRV_STORE_URL' })
})

t.test(
  'the checkpointer worker copies the WAL into the database off the serving thread',
  async t => {
    const dir = t.testdir()
    const store = openSqliteStore(dir, { checkpointIntervalMs: 20 })
    const scope = { account: '123456789012', region: 'us-east-1' }
    const big = 'x'.repeat(64 * 1024)
    const before = statSync(join(dir, 'quayside.db')).size
    await store.transaction(async tx => {
      for (let i = 0; i < 20; i++) await tx.put(scope, 'cluster', `c${i}`, '', { big })
    })
    const deadline = Date.now() + 10_000
    while (statSync(join(dir, 'quayside.db')).size <= before + 20 * 64 * 1024) {
      if (Date.now() > deadline) break
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    t.ok(
      statSync(join(dir, 'quayside.db')).size > before + 20 * 64 * 1024,
      'pages reached the database file',
    )
    await store.close()
  },
)

t.test('a WAL past its limit is truncated before the next batch', async t => {
  const dir = t.testdir()
  const store = openSqliteStore(dir, { walLimitBytes: 1024 * 1024, checkpointIntervalMs: 60_000 })
  const scope = { account: '123456789012', region: 'us-east-1' }
  const big = 'x'.repeat(64 * 1024)
  await store.transaction(async tx => {
    for (let i = 0; i < 20; i++) await tx.put(scope, 'cluster', `c${i}`, '', { big })
  })
  const wal = join(dir, 'quayside.db-wal')
  t.ok(statSync(wal).size > 1024 * 1024, 'the WAL grew (no automatic checkpoint)')
  const count = await store.transaction(tx => tx.count(scope, 'cluster'))
  t.equal(count, 20)
  t.equal(statSync(wal).size, 0, 'checkpointed and truncated before that batch')
  await store.close()
  const reopened = openSqliteStore(dir)
  t.equal(await reopened.transaction(tx => tx.count(scope, 'cluster')), 20, 'all of it is there')
  await reopened.close()
})

t.test(
  'a WAL past its limit that a reader holds is left for a later batch, without waiting',
  async t => {
    const dir = t.testdir()
    const store = openSqliteStore(dir, { walLimitBytes: 1024 * 1024, checkpointIntervalMs: 60_000 })
    const scope = { account: '123456789012', region: 'us-east-1' }
    const big = 'x'.repeat(64 * 1024)
    await store.transaction(async tx => {
      for (let i = 0; i < 20; i++) await tx.put(scope, 'cluster', `c${String(i)}`, '', { big })
    })
    const wal = join(dir, 'quayside.db-wal')
    const reader = new Database(join(dir, 'quayside.db'))
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM documents').get()
    const started = Date.now()
    t.equal(await store.transaction(tx => tx.count(scope, 'cluster')), 20)
    t.ok(Date.now() - started < 2000, 'the batch did not wait for the reader')
    t.ok(statSync(wal).size > 1024 * 1024, 'the WAL is still there while the reader holds it')
    reader.exec('COMMIT')
    reader.close()
    t.equal(await store.transaction(tx => tx.count(scope, 'cluster')), 20)
    t.equal(statSync(wal).size, 0, 'truncated once the reader let go')
    await store.close()
  },
)
