/**
 * Durability of commits made without a synchronous fsync: SQLite commits into its WAL with
 * synchronous=OFF (a write to the page cache, no disk wait), and this class makes them durable
 * with an fsync of the WAL that runs off the event loop. While one fsync runs, the next batches
 * commit; the next fsync then covers all of them. A caller learns its commit is durable only
 * once an fsync that started after it has finished, which is what synchronous=FULL promises
 * too, without holding the thread during the disk wait.
 *
 * A failed fsync leaves the state on disk unknown (the kernel may have dropped the dirty pages),
 * so the first failure is final: every pending and later commit is refused with it.
 */
export class WalDurability {
  readonly #sync: () => Promise<void>
  #committed = 0
  #durable = 0
  #wrote = false
  #syncing = false
  #failure: Error | undefined
  #waiters: { seq: number; resolve: () => void; reject: (error: Error) => void }[] = []

  /** `sync` flushes the WAL file to stable storage (fdatasync). */
  constructor(sync: () => Promise<void>) {
    this.#sync = sync
  }

  /** Notes that the open transaction wrote something, so its commit needs an fsync. */
  wrote(): void {
    this.#wrote = true
  }

  /**
   * Called right after a COMMIT: resolves once everything committed so far (this commit and
   * those before it) is on stable storage. A commit that wrote nothing still waits for earlier
   * commits, since what it read may be theirs.
   */
  committed(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure)
    if (this.#wrote) {
      this.#wrote = false
      this.#committed += 1
    }
    const seq = this.#committed
    if (seq <= this.#durable) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#waiters.push({ seq, resolve, reject })
      if (!this.#syncing) void this.#run()
    })
  }

  /** True when nothing is waiting for an fsync. */
  get settled(): boolean {
    return this.#waiters.length === 0
  }

  /** Everything committed is on stable storage already (a checkpoint at FULL synced it). */
  markDurable(): void {
    this.#release(this.#committed)
  }

  async #run(): Promise<void> {
    this.#syncing = true
    while (this.#durable < this.#committed && !this.#failure) {
      const target = this.#committed
      try {
        await this.#sync()
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error))
        this.#failure = failure
        for (const waiter of this.#waiters.splice(0)) waiter.reject(failure)
        break
      }
      this.#release(target)
    }
    this.#syncing = false
  }

  #release(target: number): void {
    if (target > this.#durable) this.#durable = target
    const ready = this.#waiters.filter(waiter => waiter.seq <= this.#durable)
    this.#waiters = this.#waiters.filter(waiter => waiter.seq > this.#durable)
    for (const waiter of ready) waiter.resolve()
  }
}
