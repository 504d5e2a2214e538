/**
 * One transaction of the SQLite store: its writes wait in memory (./own-writes.ts), its reads see
 * the database through them, and `apply` hands them to the database once the transaction has
 * succeeded. A transaction that throws has changed nothing, so the group commit
 * (./group-commit.ts) needs no savepoint to undo it. The database side is {@link SqliteAccess}
 * (./sqlite.ts).
 */
import { toJson } from '../json-text.js'
import { bucketOf, kept, mergeIds, WriteSet, type OwnWrite } from './own-writes.js'
import type { Kind, ListOptions, Scope, StoredDocument, Transaction } from './store.js'

/** A row of the documents table. */
export interface Row {
  readonly id: string
  readonly parent: string
  readonly body: string
}

/** What a transaction needs from the database. */
export interface SqliteAccess {
  stored(scope: Scope, kind: Kind, id: string): Row | undefined
  storedRows(scope: Scope, kind: Kind, options: ListOptions): Row[]
  count(scope: Scope, kind: Kind, parent: string | undefined): number
  counter(scope: Scope, name: string): number | undefined
  /** Stores (or, with `text` undefined, deletes) one document of `bucket`. */
  write(bucket: string, id: string, parent: string, text: string | undefined): void
  /** Sets the counter `key` (a bucket-style account, region and name). */
  setCounter(key: string, value: number): void
}

const toDocument = <T>(row: Row): StoredDocument<T> => ({
  id: row.id,
  parent: row.parent,
  body: JSON.parse(row.body) as T,
})

/** A new transaction over `db`: its view, and how its writes reach the database. */
export function beginTransaction(db: SqliteAccess): { tx: Transaction; apply: () => void } {
  const writes = new WriteSet()
  const own = (scope: Scope, kind: Kind) =>
    writes.documents.get(bucketOf(scope.account, scope.region, kind))
  const find = (scope: Scope, kind: Kind, id: string): OwnWrite | Row | undefined =>
    writes.get(bucketOf(scope.account, scope.region, kind), id) ?? db.stored(scope, kind, id)
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
        text: toJson(body),
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
        return Promise.resolve(db.storedRows(scope, kind, options).map(r => toDocument<T>(r)))
      const rows = keptRows(db, scope, kind, options, changed)
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
      let n = db.count(scope, kind, parent)
      for (const [id, write] of own(scope, kind) ?? []) {
        const row = db.stored(scope, kind, id)
        if (row && (parent === undefined || row.parent === parent)) n--
        if (write.text !== undefined && (parent === undefined || write.parent === parent)) n++
      }
      return Promise.resolve(n)
    },
    increment(scope, name) {
      const key = bucketOf(scope.account, scope.region, name)
      const value = (writes.counters.get(key) ?? db.counter(scope, name) ?? 0) + 1
      writes.counters.set(key, value)
      return Promise.resolve(value)
    },
  }
  const apply = () => {
    for (const [bucket, documents] of writes.documents)
      for (const [id, { parent, text }] of documents) db.write(bucket, id, parent, text)
    for (const [key, value] of writes.counters) db.setCounter(key, value)
  }
  return { tx, apply }
}

/**
 * The database's rows for `options`, enough of them that `changed` (the transaction's writes,
 * which may delete or move some away) cannot leave the list short of its limit.
 */
function keptRows(
  db: SqliteAccess,
  scope: Scope,
  kind: Kind,
  options: ListOptions,
  changed: ReadonlyMap<string, OwnWrite>,
): Row[] {
  if (options.limit === undefined) return db.storedRows(scope, kind, options)
  const out: Row[] = []
  let staying = 0
  let page: ListOptions = options
  for (;;) {
    const wanted = options.limit - staying
    const rows = db.storedRows(scope, kind, { ...page, limit: wanted })
    out.push(...rows)
    staying += rows.filter(row => kept(row.id, changed, options)).length
    const last = rows.at(-1)?.id
    if (rows.length < wanted || staying >= options.limit || last === undefined) return out
    page = options.descending ? { ...page, before: last } : { ...page, after: last }
  }
}
