/** Opens the store a `--store` URL names: `postgres://...` or `postgresql://...` selects
 * PostgreSQL, anything else (or nothing) SQLite in the data directory. */
import { EcsServerError } from '../errors.js'
import { openPostgresStore } from './postgres.js'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './store.js'

export type {
  Kind,
  ListOptions,
  Scope,
  Store,
  StoredDocument,
  Transaction,
  TransactionOptions,
} from './store.js'

export async function openStore(options: {
  store?: string | undefined
  dataDir: string
}): Promise<Store> {
  const url = options.store
  if (url === undefined || url === '') return openSqliteStore(options.dataDir)
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url)
  if (url.startsWith('sqlite:'))
    return openSqliteStore(url.slice('sqlite:'.length) || options.dataDir)
  throw new EcsServerError(
    'ECS_SRV_STORE_URL',
    `unsupported --store URL ${url}: use postgres://... or sqlite:<dir> (default: SQLite in --data-dir)`,
  )
}
