/**
 * The PostgreSQL store (pg). Every transaction is SERIALIZABLE and retried on serialization
 * failures and deadlocks (40001, 40P01), so several server replicas can share one database.
 * The store URL may carry `?schema=<name>`: tables then live in that schema (created if missing),
 * which is how tests and several installations share one database.
 */
import pg from 'pg'
import { EcsServerError } from '../errors.js'
import { pendingMigrations } from './migrations.js'
import { toJson } from '../json-text.js'
import { listQuery, numbered } from './sql.js'
import type {
  Kind,
  ListOptions,
  Notifications,
  Scope,
  Store,
  StoredDocument,
  Transaction,
  TransactionOptions,
} from './store.js'

interface Row {
  id: string
  parent: string
  body: string
}

const RETRYABLE = new Set(['40001', '40P01'])
const MAX_ATTEMPTS = 20

/** Connects to `url` (postgres://...), applies migrations, and returns the store. */
export async function openPostgresStore(url: string): Promise<Store> {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? 'public'
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new EcsServerError('ECS_SRV_STORE_URL', `invalid schema name in the store URL: ${schema}`)
  }
  parsed.searchParams.delete('schema')
  const connectionString = parsed.toString()
  const pool = new pg.Pool({
    connectionString,
    max: 16,
    options: `-c search_path=${schema}`,
  })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  })
  try {
    await migrate(pool, schema)
  } catch (error) {
    await pool.end()
    throw error
  }

  const txFor = (client: pg.PoolClient): Transaction => ({
    async get<T>(scope: Scope, kind: Kind, id: string) {
      const result = await client.query<Row>(
        'SELECT id, parent, body FROM documents WHERE account = $1 AND region = $2 AND kind = $3 AND id = $4',
        [scope.account, scope.region, kind, key(id)],
      )
      const row = result.rows[0]
      return row && toDocument<T>(row)
    },
    async put(scope, kind, id, parent, body) {
      await client.query(
        `INSERT INTO documents (account, region, kind, id, parent, body) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account, region, kind, id) DO UPDATE SET parent = excluded.parent, body = excluded.body`,
        [scope.account, scope.region, kind, key(id), key(parent), toJson(body)],
      )
    },
    async delete(scope, kind, id) {
      const result = await client.query(
        'DELETE FROM documents WHERE account = $1 AND region = $2 AND kind = $3 AND id = $4',
        [scope.account, scope.region, kind, key(id)],
      )
      return (result.rowCount ?? 0) > 0
    },
    async list<T>(scope: Scope, kind: Kind, options: ListOptions = {}) {
      const { sql, params } = listQuery(scope, kind, options, false)
      const result = await client.query<Row>(numbered(sql), params.map(safe))
      return result.rows.map(row => toDocument<T>(row))
    },
    async count(scope, kind, parent) {
      const { sql, params } = listQuery(scope, kind, { parent }, true)
      const result = await client.query<{ n: string }>(numbered(sql), params.map(safe))
      return Number(result.rows[0]?.n ?? 0)
    },
    async increment(scope, name) {
      const result = await client.query<{ value: string }>(
        `INSERT INTO counters (account, region, name, value) VALUES ($1, $2, $3, 1)
         ON CONFLICT (account, region, name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
        [scope.account, scope.region, key(name)],
      )
      return Number(result.rows[0]?.value ?? 0)
    },
  })

  const notifications = notificationsOf(pool, connectionString, schema)

  return {
    kind: 'postgres',
    notifications,
    async transaction<T>(
      fn: (tx: Transaction) => Promise<T>,
      options: TransactionOptions = {},
    ): Promise<T> {
      const client = await pool.connect()
      const { lock } = options
      let broken = false
      try {
        if (lock !== undefined)
          await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lock])
        for (let attempt = 1; ; attempt++) {
          await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
          try {
            const result = await fn(txFor(client))
            await client.query('COMMIT')
            return result
          } catch (error) {
            await client.query('ROLLBACK')
            if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error
            await new Promise(resolve => setTimeout(resolve, Math.random() * 5 * attempt))
          }
        }
      } finally {
        if (lock !== undefined)
          // Unlocking fails only on a broken connection, which the pool then drops (its locks go
          // with it).
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock]).then(
            () => undefined,
            () => (broken = true),
          )
        client.release(broken)
      }
    },
    async close() {
      await notifications.close()
      await pool.end()
    },
  }
}

/** The one NOTIFY channel; payloads start with the schema, so installations sharing a database stay apart. */
const CHANNEL = 'quayside'

/**
 * LISTEN/NOTIFY: publishing goes through the pool; listening holds one client of its own, opened
 * at the first subscription and reopened after it fails (messages sent meanwhile are lost, which
 * {@link Notifications} allows).
 */
function notificationsOf(
  pool: pg.Pool,
  connectionString: string,
  schema: string,
): Notifications & { close(): Promise<void> } {
  const prefix = `${schema}\n`
  const handlers = new Set<(payload: string) => void>()
  let listener: Promise<pg.Client> | undefined
  let closed = false
  const open = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString })
    client.on('notification', message => {
      const payload = message.payload ?? ''
      if (!payload.startsWith(prefix)) return
      for (const handler of handlers) handler(payload.slice(prefix.length))
    })
    /* c8 ignore start -- a dropped listening connection: reopened after a pause */
    client.on('error', () => {
      client.end().catch(() => undefined)
      if (!closed) setTimeout(reopen, 500).unref()
    })
    /* c8 ignore stop */
    await client.connect()
    await client.query(`LISTEN ${CHANNEL}`)
    return client
  }
  /* c8 ignore start -- see above */
  const reopen = () => {
    if (closed) return
    listener = open()
    listener.catch(() => setTimeout(reopen, 500).unref())
  }
  /* c8 ignore stop */
  return {
    async publish(payload) {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, prefix + payload])
    },
    async subscribe(onMessage) {
      handlers.add(onMessage)
      listener ??= open()
      await listener
      return () => {
        handlers.delete(onMessage)
        return Promise.resolve()
      }
    },
    async close() {
      closed = true
      const client = listener
      listener = undefined
      // A listener that never connected has nothing to end.
      if (client) await client.then(c => c.end()).catch(() => undefined)
    },
  }
}

// PostgreSQL text cannot hold NUL; no valid key does, so a lookup by such a key just finds nothing.
const key = (text: string) => text.replace(/\0/g, '\uFFFD')
const safe = (value: unknown) => (typeof value === 'string' ? key(value) : value)

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && RETRYABLE.has(code)
}

function toDocument<T>(row: Row): StoredDocument<T> {
  return { id: row.id, parent: row.parent, body: JSON.parse(row.body) as T }
}

async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect()
  try {
    // An advisory lock keeps two replicas starting at once from migrating together.
    await client.query('SELECT pg_advisory_lock(7342001)')
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      )
      const result = await client.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migrations',
      )
      const current = result.rows[0]?.v ?? 0
      const pending = pendingMigrations(current, `The database schema "${schema}"`)
      await client.query('BEGIN')
      try {
        let version = current
        for (const migration of pending) {
          for (const statement of migration.postgres) await client.query(statement)
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [++version])
        }
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(7342001)')
    }
  } finally {
    client.release()
  }
}
