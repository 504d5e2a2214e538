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
import { GroupCommit } from './group-commit.js'
import { startCheckpointer } from './checkpointer.js'
import { WalDurability } from './wal-durability.js'
import { listQuery } from './sql.js'
import { bucketOf, kept, mergeIds, WriteSet, type OwnWrite } from './own-writes.js'
import { ReadCache } from './read-cache.js'
import type { Kind, ListOptions, Scope, Store, StoredDocument, Transaction } from './store.js'

interface Row {
  id: string
  parent: string
  body: string
}

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
  // Each transaction runs in a savepoint, whose journal of the pages it changed went to a
  // temporary file once past 64 KiB (a RunTask of ten); in memory it costs a tenth less time.
  db.pragma('temp_store = MEMORY')
  migrate(db, path)
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
      `${sql} ${params.join(' ')}`,
      () => prepared<Row>(sql).all(...params),
      // Short answers only: a long list is read rarely and would hold memory.
      rows => (rows as Row[]).length <= 32,
    ) as Row[]
  }

  /**
   * A transaction: its writes wait in `writes` (reads see through them) and reach the database
   * in `apply`, once it has succeeded. One that throws has changed nothing.
   */
  const begin = () => {
    const writes = new WriteSet()
    const own = (scope: Scope, kind: Kind) =>
      writes.documents.get(bucketOf(scope.account, scope.region, kind))
    const find = (scope: Scope, kind: Kind, id: string): OwnWrite | Row | undefined =>
      own(scope, kind)?.get(id) ?? stored(scope, kind, id)
    const tx: Transaction = {
      get<T>(scope: Scope, kind: Kind, id: string) {
        const found = find(scope, kind, id)
        const text = found && ('body' in found ? found.body : found.text)
        return Promise.resolve(
          found && text !== undefined
            ? toDocument<T>({ id, parent: found.parent, body: text })
            : undefined,
        )
      },
      put(scope, kind, id, parent, body) {
        writes.set(bucketOf(scope.account, scope.region, kind), id, {
          parent,
          text: JSON.stringify(body),
        })
        return Promise.resolve()
      },
      delete(scope, kind, id) {
        const found = find(scope, kind, id)
        const exists = found !== undefined && ('body' in found || found.text !== undefined)
        if (exists)
          writes.set(bucketOf(scope.account, scope.region, kind), id, {
            parent: found.parent,
            text: undefined,
          })
        return Promise.resolve(exists)
      },
      list<T>(scope: Scope, kind: Kind, options: ListOptions = {}) {
        const changed = own(scope, kind)
        if (!changed)
          return Promise.resolve(storedRows(scope, kind, options).map(r => toDocument<T>(r)))
        const rows = keptRows(storedRows, scope, kind, options, changed)
        const byId = new Map(rows.map(row => [row.id, row]))
        const ids = mergeIds(
          rows.map(row => row.id),
          changed,
          options,
        )
        return Promise.resolve(
          ids.map(id => {
            const write = changed.get(id)
            const row =
              write?.text !== undefined
                ? { id, parent: write.parent, body: write.text }
                : byId.get(id)
            /* c8 ignore next */
            if (!row) throw new Error(`${kind} ${id} vanished during a read`)
            return toDocument<T>(row)
          }),
        )
      },
      count(scope, kind, parent) {
        const { sql, params } = listQuery(scope, kind, { parent }, true)
        let n = prepared<{ n: number }>(sql).get(...params)?.n ?? 0
        for (const [id, write] of own(scope, kind) ?? []) {
          const row = stored(scope, kind, id)
          if (row && (parent === undefined || row.parent === parent)) n--
          if (write.text !== undefined && (parent === undefined || write.parent === parent)) n++
        }
        return Promise.resolve(n)
      },
      increment(scope, name) {
        const key = bucketOf(scope.account, scope.region, name)
        const value =
          (writes.counters.get(key) ??
            statements.counter.get(scope.account, scope.region, name)?.value ??
            0) + 1
        writes.counters.set(key, value)
        return Promise.resolve(value)
      },
    }
    const apply = () => {
      for (const [bucket, documents] of writes.documents) {
        cache.invalidate(bucket)
        const [account = '', region = '', kind = ''] = bucket.split('\n')
        for (const [id, { parent, text }] of documents) {
          durability.wrote()
          if (text === undefined) statements.delete.run(account, region, kind, id)
          else if (statements.put.run(account, region, kind, id, parent, text).changes === 0)
            statements.move.run(parent, text, account, region, kind, id)
        }
      }
      for (const [key, value] of writes.counters) {
        durability.wrote()
        const [account = '', region = '', name = ''] = key.split('\n')
        statements.setCounter.run(account, region, name, value)
      }
    }
    return { tx, apply }
  }

  const queue = new GroupCommit({
    exec: sql => db.exec(sql),
    rolledBack: () => {
      cache.clear()
    },
    begin,
    durable: () => durability.committed(),
    beforeBatch: () => {
      if (fstatSync(walFd).size >= walLimitBytes) checkpoint(0)
    },
  })
  let open = true
  return {
    kind: 'sqlite',
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

/**
 * The database's rows for `options`, enough of them that `changed` (a transaction's writes,
 * which may delete or move some away) cannot leave the list short of its limit.
 */
function keptRows(
  storedRows: (scope: Scope, kind: Kind, options: ListOptions) => Row[],
  scope: Scope,
  kind: Kind,
  options: ListOptions,
  changed: ReadonlyMap<string, OwnWrite>,
): Row[] {
  if (options.limit === undefined) return storedRows(scope, kind, options)
  const out: Row[] = []
  let staying = 0
  let page: ListOptions = options
  for (;;) {
    const wanted = options.limit - staying
    const rows = storedRows(scope, kind, { ...page, limit: wanted })
    out.push(...rows)
    staying += rows.filter(row => kept(row.id, changed, options)).length
    const last = rows.at(-1)?.id
    if (rows.length < wanted || staying >= options.limit || last === undefined) return out
    page = options.descending ? { ...page, before: last } : { ...page, after: last }
  }
}

function toDocument<T>(row: Row): StoredDocument<T> {
  return { id: row.id, parent: row.parent, body: JSON.parse(row.body) as T }
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
