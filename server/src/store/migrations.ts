/**
 * Versioned schema migrations, in order. Version N is the N-th entry; the version a database is at
 * is the highest row of its `schema_migrations` table. A database at a version above
 * {@link LATEST_VERSION} comes from a newer quayside and is refused, never touched.
 */
import { EcsServerError } from '../errors.js'

/** One migration: its statements for each dialect. */
export interface Migration {
  readonly description: string
  readonly sqlite: readonly string[]
  readonly postgres: readonly string[]
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'documents and counters',
    sqlite: [
      `CREATE TABLE documents (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
        id TEXT NOT NULL, parent TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (account, region, kind, id)) WITHOUT ROWID`,
      `CREATE INDEX documents_parent ON documents (account, region, kind, parent, id)`,
      `CREATE TABLE counters (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        value INTEGER NOT NULL, PRIMARY KEY (account, region, name)) WITHOUT ROWID`,
    ],
    // COLLATE "C": ids must sort by bytes in both stores, whatever the database's locale.
    postgres: [
      `CREATE TABLE documents (account TEXT COLLATE "C" NOT NULL, region TEXT COLLATE "C" NOT NULL,
        kind TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL,
        parent TEXT COLLATE "C" NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (account, region, kind, id))`,
      `CREATE INDEX documents_parent ON documents (account, region, kind, parent, id)`,
      `CREATE TABLE counters (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        value BIGINT NOT NULL, PRIMARY KEY (account, region, name))`,
    ],
  },
  {
    // SQLite keeps a WITHOUT ROWID row in its primary key's b-tree, whose cells hold about a
    // kilobyte before spilling to an overflow page: every task (~1.2 KB of JSON) took a page of
    // its own, and each write copied it into the WAL. A rowid table keeps such rows inline, three
    // to a page; the key becomes a unique index. PostgreSQL's heap already works that way.
    description: 'documents in a rowid table (SQLite)',
    sqlite: [
      `CREATE TABLE documents_rowid (account TEXT NOT NULL, region TEXT NOT NULL,
        kind TEXT NOT NULL, id TEXT NOT NULL, parent TEXT NOT NULL, body TEXT NOT NULL)`,
      `INSERT INTO documents_rowid (account, region, kind, id, parent, body)
        SELECT account, region, kind, id, parent, body FROM documents
        ORDER BY account, region, kind, id`,
      `DROP TABLE documents`,
      `ALTER TABLE documents_rowid RENAME TO documents`,
      `CREATE UNIQUE INDEX documents_key ON documents (account, region, kind, id)`,
      `CREATE INDEX documents_parent ON documents (account, region, kind, parent, id)`,
    ],
    postgres: [],
  },
  {
    // The service scheduler visits the services of its index (../services/service-index.ts,
    // same id and body). Services stored before the index existed, and DAEMON services stored
    // while only REPLICA ones were indexed, have no entry: without this they would never be
    // scheduled. INACTIVE services need none.
    description: "services in the scheduler's index",
    sqlite: [
      `INSERT OR IGNORE INTO documents (account, region, kind, id, parent, body)
        SELECT '', '', 'scheduled-service',
          account || '/' || region || '/' || parent || '/' || json_extract(body, '$.serviceName'),
          '', json_object('account', account, 'region', region, 'cluster', parent,
            'name', json_extract(body, '$.serviceName'))
        FROM documents WHERE kind = 'service' AND json_extract(body, '$.status') <> 'INACTIVE'`,
    ],
    postgres: [
      `INSERT INTO documents (account, region, kind, id, parent, body)
        SELECT '', '', 'scheduled-service',
          account || '/' || region || '/' || parent || '/' || (body::json ->> 'serviceName'),
          '', json_build_object('account', account, 'region', region, 'cluster', parent,
            'name', body::json ->> 'serviceName')::text
        FROM documents WHERE kind = 'service' AND body::json ->> 'status' <> 'INACTIVE'
        ON CONFLICT DO NOTHING`,
    ],
  },
]

export const LATEST_VERSION = MIGRATIONS.length

/** Which migrations to apply to a database at `current`; refuses one newer than this code. */
export function pendingMigrations(current: number, where: string): Migration[] {
  if (current > LATEST_VERSION) {
    throw new EcsServerError(
      'ECS_SRV_STORE_TOO_NEW',
      `${where} is at schema version ${current}, but this quayside only knows versions up to ` +
        `${LATEST_VERSION}: it was written by a newer quayside. Upgrade quayside; the data is left untouched.`,
    )
  }
  return MIGRATIONS.slice(current)
}
