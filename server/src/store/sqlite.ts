/**
 * The SQLite store (better-sqlite3): one file in the data directory with a WAL journal. An
 * acknowledged commit survives kill -9 and power loss, as with synchronous=FULL, but the fsync
 * that makes it so runs off the event loop: SQLite commits with synchronous=OFF and
 * ./wal-durability.ts fdatasyncs the WAL file before any caller of the batch hears back.
 * Checkpoints, the one other time SQLite would write without syncing, run at synchronous=FULL:
 * a worker thread copies the WAL into the database as it grows (./checkpointer.ts), and a WAL
 * that still reaches `walLimitBytes` (writes never paused long enough for SQLite to start it
 * over) is truncated here between batches, which by then costs little more than two fsyncs.
 * Automatic checkpoints are off. better-sqlite3 is synchronous, so
 * transactions take turns through a group-commit queue (./group-commit.ts) that pays one fsync per
 * batch instead of one per transaction.
 */
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { pendingMigrations } from './migrations.js'
import { dropAgentLeases, dropSchedulerLease } from './sqlite-leases.js'
import { GroupCommit } from './group-commit.js'
import { startCheckpointer } from './checkpointer.js'
import { WalDurability } from './wal-durability.js'
import { listQuery } from './sql.js'
import { bucketOf } from './own-writes.js'
import { ReadCache } from './read-cache.js'
import { beginTransaction, type Row, type SqliteAccess } from './sqlite-transaction.js'
import type { Kind, ListOptions, Scope, Store, Transaction } from './store.js'

/** WAL housekeeping; the defaults suit a server, tests shrink them. */
export interface SqliteTuning {
  /** The WAL size at which the serving thread truncates the WAL itself before the next batch. */
  readonly walLimitBytes?: number
  /** How often the checkpointer worker copies the WAL into the database. */
  readonly checkpointIntervalMs?: number
}

/** Opens (creating when missing) `quayside.db` in `dataDir` and migrates it. */
export function openSqliteStore(dataDir: string, tuning: SqliteTuning = {}): Store {
  const { walLimitBytes = 64 * 1024 * 1024, checkpointIntervalMs = 500 } = tuning
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'quayside.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  // SQLite's default page cache is 2 MiB; 64 MiB keeps a large cluster's pages in memory.
  db.pragma('cache_size = -65536')
  // Statement journals and temporary tables stay in memory, never in temporary files.
  db.pragma('temp_store = MEMORY')
  migrate(db, path)
  dropAgentLeases(db)
  dropSchedulerLease(db)
  // From here on commits do not sync; WalDurability does, and checkpoint() below.
  db.pragma('wal_autocheckpoint = 0')
  db.pragma('synchronous = OFF')
  const walFd = openSync(`${path}-wal`, 'r+')
  const syncWal = promisify(fdatasync)
  const durability = new WalDurability(() => syncWal(walFd))
  const checkpointer = startCheckpointer(path, checkpointIntervalMs)
  /**
   * Copies the WAL into the database and truncates it, at synchronous=FULL. Between batches it
   * must not wait (`busyTimeoutMs` 0): should the worker's checkpoint or a reader hold the WAL,
   * it gives up and the next batch tries again, rather than stall every request meanwhile.
   */
  const checkpoint = (busyTimeoutMs: number) => {
    db.pragma(`busy_timeout = ${String(busyTimeoutMs)}`)
    db.pragma('synchronous = FULL')
    try {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
      if (result?.busy === 0) durability.markDurable()
    } finally {
      db.pragma('synchronous = OFF')
      db.pragma('busy_timeout = 5000')
    }
  }

  const statements = {
    get: db.prepare<[string, string, string, string], Row>(
      'SELECT id, parent, body FROM documents WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    ),
    // A put that keeps the parent leaves the parent index alone: SQLite rewrites an index entry
    // whenever the UPDATE sets one of its columns, even to the value it had (about a fifth of a
    // RunTask's time went there). A put that moves a document to another parent takes `move`.
    put: db.prepare(
      `INSERT INTO documents (account, region, kind, id, parent, body) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account, region, kind, id) DO UPDATE SET body = excluded.body
       WHERE parent = excluded.parent`,
    ),
    move: db.prepare(
      'UPDATE documents SET parent = ?, body = ? WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    ),
    delete: db.prepare(
      'DELETE FROM documents WHERE account = ? AND region = ? AND kind = ? AND id = ?',
    ),
    counter: db.prepare<[string, string, string], { value: number }>(
      'SELECT value FROM counters WHERE account = ? AND region = ? AND name = ?',
    ),
    setCounter: db.prepare(
      `INSERT INTO counters (account, region, name, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (account, region, name) DO UPDATE SET value = excluded.value`,
    ),
  }

  // List queries vary only in which filters are present: a handful of shapes, each prepared once.
  const statementCache = new Map<string, Database.Statement>()
  const prepared = <R>(sql: string) => {
    let statement = statementCache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      statementCache.set(sql, statement)
    }
    return statement as Database.Statement<unknown[], R>
  }
  const cache = new ReadCache<Row | Row[] | undefined>()
  const stored = (scope: Scope, kind: Kind, id: string) =>
    cache.read(bucketOf(scope.account, scope.region, kind), `get ${id}`, () =>
      statements.get.get(scope.account, scope.region, kind, id),
    ) as Row | undefined
  const storedRows = (scope: Scope, kind: Kind, options: ListOptions) => {
    const { sql, params } = listQuery(scope, kind, options, false)
    return cache.read(
      bucketOf(scope.account, scope.region, kind),
      `${sql} ${JSON.stringify(params)}`,
      () => prepared<Row>(sql).all(...params),
      // Short answers only: a long list is read rarely and would hold memory.
      rows => (rows as Row[]).length <= 32,
    ) as Row[]
  }

  const access: SqliteAccess = {
    stored,
    storedRows,
    count(scope, kind, parent) {
      const { sql, params } = listQuery(scope, kind, { parent }, true)
      return prepared<{ n: number }>(sql).get(...params)?.n ?? 0
    },
    counter: (scope, name) => statements.counter.get(scope.account, scope.region, name)?.value,
    write(bucket, id, parent, text) {
      cache.invalidate(bucket)
      durability.wrote()
      const [account = '', region = '', kind = ''] = bucket.split('\n')
      if (text === undefined) statements.delete.run(account, region, kind, id)
      else if (statements.put.run(account, region, kind, id, parent, text).changes === 0)
        statements.move.run(parent, text, account, region, kind, id)
    },
    setCounter(key, value) {
      durability.wrote()
      const [account = '', region = '', name = ''] = key.split('\n')
      statements.setCounter.run(account, region, name, value)
    },
  }

  const queue = new GroupCommit({
    exec: sql => db.exec(sql),
    rolledBack: () => {
      cache.clear()
    },
    begin: () => beginTransaction(access),
    durable: () => durability.committed(),
    beforeBatch: () => {
      if (fstatSync(walFd).size >= walLimitBytes) checkpoint(0)
    },
  })
  let open = true
  return {
    kind: 'sqlite',
    // One transaction runs at a time here, so a lock (TransactionOptions) needs nothing.
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      if (!open) return Promise.reject(new Error('the store is closed'))
      return queue.run(fn)
    },
    async close() {
      if (!open) return
      open = false
      await queue.idle()
      await checkpointer.stop()
      checkpoint(5000)
      closeSync(walFd)
      db.close()
    },
  }
}

function migrate(db: Database.Database, path: string): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  )
  const row = db
    .prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
    .get()
  const current = row?.v ?? 0
  const pending = pendingMigrations(current, `The database ${path}`)
  db.transaction(() => {
    pending.forEach((migration, index) => {
      for (const statement of migration.sqlite) db.exec(statement)
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        current + index + 1,
        new Date().toISOString(),
      )
    })
  })()
}
