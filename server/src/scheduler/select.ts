/**
 * Choosing among feasible instances: every candidate gets one key per strategy (./rank.ts), the
 * keys are compared in the request's order (each breaking the ties of the ones before, as ECS
 * composes strategies), and the pick is random among the candidates still tied at the end.
 * Strategies are best effort in ECS: they order the feasible, never reject one.
 */
import type { CandidateState } from './feasibility.js'
import type { Ranker } from './rank.js'
import type { Random, Rank } from './types.js'

/**
 * Row `a` of `left` before row `b` of `right` (negative), after (positive) or tied (0), key by
 * key; rows are `width` keys long.
 */
function compareRows(
  left: Float64Array,
  a: number,
  right: Float64Array,
  b: number,
  width: number,
): number {
  for (let j = 0; j < width; j++) {
    const d = (left[a * width + j] ?? 0) - (right[b * width + j] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** One selection: the chosen candidate and, read on demand, the rank of every feasible one. */
export interface Selection {
  readonly chosen: CandidateState | undefined
  /** In the order of `feasible`; built from the keys kept when first read. */
  readonly ranks: readonly Rank[]
}

/**
 * The keys of one request's feasible candidates across its placements, one row per candidate in
 * the order of `feasible`. A ranker marked `local` (a candidate's key changes only when a task
 * is placed on it: spread on instanceId, binpack) is asked again only for the candidate that
 * took the last task; the others (random, spread on an attribute) are asked for every row at
 * every placement. When every ranker is local, only the row that took the task changes between
 * selections, so the rows tied at the lowest keys are kept and followed through that one row
 * instead of comparing every row again (thousands on a large cluster, ten times per RunTask);
 * they are compared again only when the last of the tied rows leaves. The keys are kept in one
 * flat array and turned into {@link Rank}s only when read: a placement on a large cluster ranks
 * thousands of candidates, and most callers never look.
 */
export class RankTable {
  readonly #feasible: readonly CandidateState[]
  readonly #rankers: readonly Ranker[]
  readonly #keys: Float64Array
  readonly #alive: Uint8Array
  readonly #allLocal: boolean
  /** The row whose local keys must be asked again; -1: every row (the first selection). */
  #dirty = -1
  /** The rows alive and tied at the lowest keys, in row order. */
  #ties: number[] = []
  /**
   * Every ranker local: the keys and the rows alive at the first selection, then each row's
   * change since (its new keys, or undefined: no longer feasible), from which the ranks of any
   * selection are rebuilt when read.
   */
  #first: { readonly keys: Float64Array; readonly alive: Uint8Array } | undefined
  readonly #changes: { readonly row: number; readonly keys: Float64Array | undefined }[] = []

  constructor(feasible: readonly CandidateState[], rankers: readonly Ranker[]) {
    this.#feasible = [...feasible]
    this.#rankers = rankers
    this.#keys = new Float64Array(feasible.length * rankers.length)
    this.#alive = new Uint8Array(feasible.length).fill(1)
    this.#allLocal = rankers.every(r => r.local === true)
  }

  /** Picks among the rows still feasible: the lowest keys, random among the tied. */
  select(random: Random): Selection & { readonly row: number } {
    if (this.#allLocal && this.#dirty >= 0) this.#follow(this.#dirty)
    else this.#scan(true)
    const ties = this.#ties
    const best = ties[0]
    if (best === undefined) return { chosen: undefined, ranks: [], row: -1 }
    const row = ties[random(ties.length)] ?? best
    const ranksNow = this.#allLocal ? this.#replayed(this.#changes.length) : this.#kept()
    let ranks: Rank[] | undefined
    return {
      chosen: this.#feasible[row],
      row,
      get ranks() {
        ranks ??= ranksNow()
        return ranks
      },
    }
  }

  /** A task went to `row` (its local keys change); `feasible` false drops it from later picks. */
  placed(row: number, feasible: boolean): void {
    this.#dirty = row
    if (!feasible) this.#alive[row] = 0
  }

  /**
   * Compares every alive row and keeps the tied lowest; with `ask`, asks the rankers first (the
   * local ones only for the dirty row, or for every row at the first selection).
   */
  #scan(ask: boolean): void {
    const width = this.#rankers.length
    const keys = this.#keys
    const ties: number[] = []
    let best = -1
    for (let i = 0; i < this.#feasible.length; i++) {
      if (this.#alive[i] === 0) continue
      if (ask) {
        const candidate = this.#feasible[i] as CandidateState
        for (let j = 0; j < width; j++) {
          const ranker = this.#rankers[j] as Ranker
          if (ranker.local !== true || this.#dirty < 0 || this.#dirty === i)
            keys[i * width + j] = ranker.key(candidate)
        }
      }
      const order = best < 0 ? -1 : compareRows(keys, i, keys, best, width)
      if (order < 0) {
        ties.length = 0
        best = i
      }
      if (order <= 0) ties.push(i)
    }
    this.#ties = ties
    if (this.#allLocal && !this.#first)
      this.#first = { keys: keys.slice(), alive: this.#alive.slice() }
  }

  /**
   * Every ranker local, a task placed on `row`: only that row's keys change, so the tied rows
   * change only by it (it leads alone, stays or leaves). Every row is compared again when none
   * is left tied, or when `row` was not among them (a caller placing elsewhere than chosen).
   */
  #follow(row: number): void {
    const width = this.#rankers.length
    const keys = this.#keys
    const ties = this.#ties
    const before = keys.slice(row * width, (row + 1) * width)
    const alive = this.#alive[row] === 1
    if (alive) {
      const candidate = this.#feasible[row] as CandidateState
      for (let j = 0; j < width; j++)
        keys[row * width + j] = (this.#rankers[j] as Ranker).key(candidate)
    }
    this.#changes.push({
      row,
      keys: alive ? keys.slice(row * width, (row + 1) * width) : undefined,
    })
    const at = ties.indexOf(row)
    if (at < 0) {
      this.#scan(false)
      return
    }
    // Tied, its keys were the lowest: lower now, it leads alone; higher (or dropped), it leaves.
    const order = alive ? compareRows(keys, row, before, 0, width) : 1
    if (order < 0) this.#ties = [row]
    else if (order > 0) ties.splice(at, 1)
    if (this.#ties.length === 0) this.#scan(false)
  }

  /** The ranks now, from copies of the keys and the rows alive (some ranker not local). */
  #kept(): () => Rank[] {
    const keys = this.#keys.slice()
    const alive = this.#alive.slice()
    return () => this.#ranksOf(keys, alive)
  }

  /** The ranks after the first `count` changes since the first selection (every ranker local). */
  #replayed(count: number): () => Rank[] {
    return () => {
      const first = this.#first as { keys: Float64Array; alive: Uint8Array }
      const keys = first.keys.slice()
      const alive = first.alive.slice()
      for (const { row, keys: changed } of this.#changes.slice(0, count)) {
        if (changed) keys.set(changed, row * this.#rankers.length)
        else alive[row] = 0
      }
      return this.#ranksOf(keys, alive)
    }
  }

  #ranksOf(keys: Float64Array, alive: Uint8Array): Rank[] {
    const width = this.#rankers.length
    return this.#feasible.flatMap((candidate, i) =>
      alive[i] === 0
        ? []
        : [
            {
              instanceId: candidate.snapshot.id,
              keys: Array.from(keys.subarray(i * width, (i + 1) * width)),
            },
          ],
    )
  }
}

/**
 * The chosen candidate (undefined when none is feasible) and the rank of every feasible one, in
 * the order of `feasible`; `rankers` are the request's strategies in order (./rank.ts).
 */
export function selectInstance(
  feasible: readonly CandidateState[],
  rankers: readonly Ranker[],
  random: Random,
): Selection {
  const { chosen, ranks } = new RankTable(feasible, rankers).select(random)
  return { chosen, ranks }
}
