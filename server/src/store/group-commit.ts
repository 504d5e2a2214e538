/**
 * Group commit for a synchronous database: transactions queue up and run one at a time inside
 * one shared database transaction; one COMMIT then ends the whole batch, and a caller's promise
 * resolves only once the database says the batch is durable. Each transaction keeps its writes
 * in memory and applies them once it has succeeded (the database's `begin`), so one that throws
 * has changed nothing and the others go on, with no savepoint to pay for. The queue does not
 * wait for durability before running the next batch: the disk flush of one batch overlaps the
 * work of the next (./wal-durability.ts). Under load a batch holds about as many transactions as
 * there are requests in flight.
 */

/** What the queue needs from the database. */
export interface GroupCommitDatabase<Tx> {
  exec(sql: string): void
  /** A new transaction: its view of the database, and how its writes reach the database. */
  begin(): { tx: Tx; apply: () => void }
  /** Called after each COMMIT: resolves once that commit (and every earlier one) is durable. */
  durable(): Promise<void>
  /** Called before each batch, outside any transaction: housekeeping such as checkpoints. */
  beforeBatch?(): void
  /** Called once a batch that could not commit has been rolled back. */
  rolledBack?(): void
}

interface Pending<Tx> {
  run: (tx: Tx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** Largest batch: bounds how long one caller can wait for others' work. */
const MAX_BATCH = 64

/** A queue of transactions over `db`, each handed `tx`. */
export class GroupCommit<Tx> {
  readonly #db: GroupCommitDatabase<Tx>
  #queue: Pending<Tx>[] = []
  #running = false
  #drained: Promise<void> = Promise.resolve()
  /** The newest batch's durability; batches become durable in commit order. */
  #flushed: Promise<unknown> = Promise.resolve()

  constructor(db: GroupCommitDatabase<Tx>) {
    this.#db = db
  }

  /** Runs `fn` as one transaction; resolves after the batch holding it has committed. */
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run: fn, resolve: resolve as (value: unknown) => void, reject })
      if (!this.#running) {
        this.#running = true
        this.#drained = this.#drain()
      }
    })
  }

  /** Resolves once every queued transaction has settled. */
  async idle(): Promise<void> {
    while (this.#running) await this.#drained
    await this.#flushed
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      // Yield past the poll phase once, so that requests which arrived while the last batch held
      // the thread (a synchronous fsync) are parsed and join this batch instead of the next.
      await new Promise(resolve => setImmediate(resolve))
      const batch = this.#queue.splice(0, MAX_BATCH)
      const settled: (() => void)[] = []
      let began = false
      try {
        this.#db.beforeBatch?.()
        this.#db.exec('BEGIN IMMEDIATE')
        began = true
        for (const item of batch) {
          const { tx, apply } = this.#db.begin()
          let value: unknown
          try {
            value = await item.run(tx)
          } catch (error) {
            settled.push(() => {
              item.reject(error)
            })
            continue
          }
          // Outside the catch: a database that fails to take the writes fails the whole batch.
          apply()
          settled.push(() => {
            item.resolve(value)
          })
        }
        this.#db.exec('COMMIT')
        this.#flushed = this.#db.durable().then(
          () => {
            for (const settle of settled) settle()
          },
          (error: unknown) => {
            for (const item of batch) item.reject(error)
          },
        )
      } catch (error) {
        // The batch could not commit (disk full, I/O error): nothing in it happened.
        if (began) {
          try {
            this.#db.exec('ROLLBACK')
          } catch {
            // Already rolled back by SQLite itself.
          }
          this.#db.rolledBack?.()
        }
        for (const item of batch) item.reject(error)
      }
    }
    // Cleared in the same synchronous step as the last emptiness check, so a caller woken by a
    // settled promise always either finds the loop running or starts a new one.
    this.#running = false
  }
}
