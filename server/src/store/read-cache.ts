/**
 * Answers of the SQLite store's reads, kept per bucket (scope and kind) until the next write to
 * that bucket. One process owns the database and every write goes through it, so a bucket that
 * was not written since a read still holds what that read returned. Task definitions and
 * clusters, read by every RunTask and rarely written, then cost no SQL at all; a bucket written
 * all the time (tasks, instances) simply misses. Callers get the stored rows (text), never shared
 * objects: each read still parses its own copy.
 */
export class ReadCache<V> {
  readonly #buckets = new Map<string, Map<string, V>>()
  readonly #maxPerBucket: number

  constructor(maxPerBucket = 256) {
    this.#maxPerBucket = maxPerBucket
  }

  /** The cached answer to `key` in `bucket`, or `load()`'s, kept for next time if `keep` it. */
  read(bucket: string, key: string, load: () => V, keep: (value: V) => boolean = () => true): V {
    let answers = this.#buckets.get(bucket)
    if (answers?.has(key)) return answers.get(key) as V
    const value = load()
    if (!keep(value)) return value
    if (!answers) {
      answers = new Map()
      this.#buckets.set(bucket, answers)
    }
    // Bounded without bookkeeping: a bucket read in many ways starts over.
    if (answers.size >= this.#maxPerBucket) answers.clear()
    answers.set(key, value)
    return value
  }

  /** Forgets `bucket`'s answers: it is being written. */
  invalidate(bucket: string): void {
    this.#buckets.delete(bucket)
  }

  /** Forgets everything (a rolled-back batch may have written anywhere). */
  clear(): void {
    this.#buckets.clear()
  }
}
