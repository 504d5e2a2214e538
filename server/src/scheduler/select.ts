/**
 * Choosing among feasible instances: every candidate gets one key per strategy (./rank.ts), the
 * keys are compared in the request's order (each breaking the ties of the ones before, as ECS
 * composes strategies), and the pick is random among the candidates still tied at the end.
 * Strategies are best effort in ECS: they order the feasible, never reject one.
 */
import type { CandidateState } from './feasibility.js'
import type { Ranker } from './rank.js'
import type { Random, Rank } from './types.js'

/** Row `a` of `keys` before row `b` (negative), after (positive) or tied (0), key by key. */
function compareRows(keys: Float64Array, a: number, b: number, width: number): number {
  for (let j = 0; j < width; j++) {
    const d = (keys[a * width + j] ?? 0) - (keys[b * width + j] ?? 0)
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
 * every placement. The keys are kept in one flat array and turned into {@link Rank}s only when
 * read: a placement on a large cluster ranks thousands of candidates, and most callers never
 * look.
 */
export class RankTable {
  readonly #feasible: readonly CandidateState[]
  readonly #ids: readonly string[]
  readonly #rankers: readonly Ranker[]
  readonly #keys: Float64Array
  readonly #alive: Uint8Array
  /** The row whose local keys must be asked again; -1: every row (the first selection). */
  #dirty = -1

  constructor(feasible: readonly CandidateState[], rankers: readonly Ranker[]) {
    this.#feasible = [...feasible]
    this.#ids = feasible.map(c => c.snapshot.id)
    this.#rankers = rankers
    this.#keys = new Float64Array(feasible.length * rankers.length)
    this.#alive = new Uint8Array(feasible.length).fill(1)
  }

  /** Picks among the rows still feasible: the lowest keys, random among the tied. */
  select(random: Random): Selection & { readonly row: number } {
    const width = this.#rankers.length
    const keys = this.#keys
    const ties: number[] = []
    let best = -1
    for (let i = 0; i < this.#feasible.length; i++) {
      if (this.#alive[i] === 0) continue
      const candidate = this.#feasible[i] as CandidateState
      for (let j = 0; j < width; j++) {
        const ranker = this.#rankers[j] as Ranker
        if (ranker.local !== true || this.#dirty < 0 || this.#dirty === i)
          keys[i * width + j] = ranker.key(candidate)
      }
      const order = best < 0 ? -1 : compareRows(keys, i, best, width)
      if (order < 0) {
        ties.length = 0
        best = i
      }
      if (order <= 0) ties.push(i)
    }
    if (best < 0) return { chosen: undefined, ranks: [], row: -1 }
    const row = ties[random(ties.length)] ?? best
    const kept = keys.slice()
    const alive = this.#alive.slice()
    const ids = this.#ids
    let ranks: Rank[] | undefined
    return {
      chosen: this.#feasible[row],
      row,
      get ranks() {
        ranks ??= ids.flatMap((instanceId, i) =>
          alive[i] === 0
            ? []
            : [{ instanceId, keys: Array.from(kept.subarray(i * width, (i + 1) * width)) }],
        )
        return ranks
      },
    }
  }

  /** A task went to `row` (its local keys change); `feasible` false drops it from later picks. */
  placed(row: number, feasible: boolean): void {
    this.#dirty = row
    if (!feasible) this.#alive[row] = 0
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
