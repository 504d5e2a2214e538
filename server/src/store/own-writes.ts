/**
 * A transaction's own writes, kept in memory until it succeeds (./sqlite.ts applies them then,
 * so a transaction that throws never touched the database and needs no savepoint to undo), and
 * how the transaction's reads see through them. Pure: no I/O.
 */
import type { ListOptions } from './store.js'

/** A write: the document's new parent and JSON, or `text` undefined for a delete. */
export interface OwnWrite {
  readonly parent: string
  readonly text: string | undefined
}

/** Where a document lives: its scope and kind, joined (ids are compared within one bucket). */
export const bucketOf = (account: string, region: string, kind: string): string =>
  `${account}\n${region}\n${kind}`

/** The writes of one transaction, by bucket and id, and its counters' new values. */
export class WriteSet {
  readonly documents = new Map<string, Map<string, OwnWrite>>()
  readonly counters = new Map<string, number>()

  get(bucket: string, id: string): OwnWrite | undefined {
    return this.documents.get(bucket)?.get(id)
  }

  set(bucket: string, id: string, write: OwnWrite): void {
    let writes = this.documents.get(bucket)
    if (!writes) {
      writes = new Map()
      this.documents.set(bucket, writes)
    }
    writes.set(id, write)
  }
}

/** Byte order of the UTF-8 encodings, as both databases sort ids. */
export function compareIds(a: string, b: string): number {
  // UTF-16 order equals UTF-8 byte order unless a surrogate pair meets U+E000-U+FFFF.
  if (!/[\ud800-\uffff]/.test(a) && !/[\ud800-\uffff]/.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

/** True when a document with `id` and `parent` passes the filters of `options`. */
export function matches(id: string, parent: string, options: ListOptions): boolean {
  if (options.parent !== undefined && parent !== options.parent) return false
  if (options.prefix !== undefined && options.prefix !== '' && !id.startsWith(options.prefix))
    return false
  if (options.after !== undefined && compareIds(id, options.after) <= 0) return false
  if (options.before !== undefined && compareIds(id, options.before) >= 0) return false
  return true
}

/** True when the database's row `id` still belongs in a list once `writes` apply. */
export function kept(
  id: string,
  writes: ReadonlyMap<string, OwnWrite>,
  options: ListOptions,
): boolean {
  const write = writes.get(id)
  return write === undefined || (write.text !== undefined && matches(id, write.parent, options))
}

/**
 * The ids a list returns when the database answers `stored` (its ids for `options`, in order)
 * and `writes` (one bucket's) apply on top: a write replaces, deletes or moves the database's
 * row, and adds its document where it matches.
 */
export function mergeIds(
  stored: readonly string[],
  writes: ReadonlyMap<string, OwnWrite>,
  options: ListOptions,
): string[] {
  const out = stored.filter(id => !writes.has(id))
  for (const [id, write] of writes)
    if (write.text !== undefined && matches(id, write.parent, options)) out.push(id)
  const direction = options.descending ? -1 : 1
  out.sort((a, b) => direction * compareIds(a, b))
  return options.limit === undefined ? out : out.slice(0, options.limit)
}
