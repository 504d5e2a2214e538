/**
 * The store every operation reads and writes through: documents (one JSON object per resource)
 * keyed by account, region, kind and id, plus named counters. All access happens inside
 * {@link Store.transaction}; a transaction either commits whole or not at all, and an
 * acknowledged commit survives a crash (SQLite with synchronous=FULL, PostgreSQL's WAL).
 *
 * Two implementations share this contract and one test suite: ./sqlite.ts and ./postgres.ts.
 */

/** Resources live per account and region; every read and write names its scope. */
export interface Scope {
  readonly account: string
  readonly region: string
}

/** What kinds of documents exist. Ids sort in byte order within a kind. */
export type Kind =
  | 'cluster'
  | 'cluster-inactive'
  | 'container-instance'
  | 'task-definition'
  | 'task-definition-family'
  | 'account-setting'
  | 'service'
  | 'task'
  /** What a call bearing a `clientToken` created (../idempotency/token-records.ts). */
  | 'client-token'
  /** A server replica's heartbeat record (../channel/replica-registry.ts), outside every account. */
  | 'replica'
  /** A REPLICA service the service scheduler visits, and its lease (../services/service-index.ts). */
  | 'scheduled-service'
  | 'scheduler-lease'
  /** An SSM parameter with its versions, values encrypted (../ssm/parameter-record.ts). */
  | 'ssm-parameter'
  /** A Secrets Manager secret with its versions, values encrypted (../secretsmanager/secret-record.ts). */
  | 'secret'
  /** CloudWatch Logs groups, streams and their events in batches (../logs/log-store.ts). */
  | 'log-group'
  | 'log-stream'
  | 'log-chunk'

/** A stored document with its keys. */
export interface StoredDocument<T = unknown> {
  readonly id: string
  readonly parent: string
  readonly body: T
}

/** Options of {@link Transaction.list}. Results come ordered by id (byte order), ascending. */
export interface ListOptions {
  /** Only documents with this parent (a cluster name, a family). */
  readonly parent?: string | undefined
  /** Only ids that start with this text. */
  readonly prefix?: string | undefined
  /** Only ids strictly after this one (the pagination cursor). */
  readonly after?: string | undefined
  /** Only ids strictly before this one (descending pagination cursor). */
  readonly before?: string | undefined
  /** Newest-first order (by id descending). */
  readonly descending?: boolean | undefined
  /** At most this many. */
  readonly limit?: number | undefined
}

/** The operations available inside a transaction. */
export interface Transaction {
  get<T>(scope: Scope, kind: Kind, id: string): Promise<StoredDocument<T> | undefined>
  /** Inserts or replaces the document. */
  put(scope: Scope, kind: Kind, id: string, parent: string, body: unknown): Promise<void>
  /** Removes the document; true when one was there. */
  delete(scope: Scope, kind: Kind, id: string): Promise<boolean>
  list<T>(scope: Scope, kind: Kind, options?: ListOptions): Promise<StoredDocument<T>[]>
  count(scope: Scope, kind: Kind, parent?: string): Promise<number>
  /** Adds one to the named counter (starting from 0) and returns the new value; never reused. */
  increment(scope: Scope, name: string): Promise<number>
}

/**
 * Messages between the processes that share one database (PostgreSQL LISTEN/NOTIFY). A message
 * published reaches every subscriber of every process on the same database and schema, the
 * publisher's own included; delivery is best effort (a subscriber that lost its connection misses
 * what was sent meanwhile), so messages only hint at changes that the store itself records.
 */
export interface Notifications {
  /** Sends `payload` (at most 7 900 bytes of text) to every subscriber. */
  publish(payload: string): Promise<void>
  /** Calls `onMessage` with each payload from now on; resolves (with the unsubscribe) once listening. */
  subscribe(onMessage: (payload: string) => void): Promise<() => Promise<void>>
}

/** How a transaction runs. */
export interface TransactionOptions {
  /**
   * A lock the transaction holds from before its first read to its end, so transactions that
   * would conflict (placements into one cluster) take turns instead of failing serialization
   * again and again. PostgreSQL takes it as an advisory lock before BEGIN, so the transaction's
   * snapshot is taken once the lock is held; SQLite runs one transaction at a time and ignores it.
   */
  readonly lock?: string | undefined
}

/** A database holding quayside's state. */
export interface Store {
  /** Which implementation this is ('sqlite' or 'postgres'), for logs. */
  readonly kind: 'sqlite' | 'postgres'
  /**
   * Cross-process messages, on stores several processes can share (PostgreSQL); absent on SQLite,
   * which one process owns, so in-process events already reach everyone.
   */
  readonly notifications?: Notifications
  /**
   * Runs `fn` in a serializable transaction; commits when it resolves, rolls back when it throws
   * (and rethrows). PostgreSQL retries `fn` on serialization failures, so `fn` must not have side
   * effects outside the transaction.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>
  /** Closes the database; waits for running transactions. */
  close(): Promise<void>
}
