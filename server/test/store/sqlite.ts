import Database from 'better-sqlite3'
import { join } from 'node:path'
import t from 'tap'
import { openStore } from '../../src/store/index.js'
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
