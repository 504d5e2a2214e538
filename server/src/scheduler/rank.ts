/**
 * Strategy scorers, ECS's `placementStrategy` as rank keys (ECS-NOTES section 4). Each strategy
 * gives every feasible candidate a number, lower is better:
 *
 * - `random`: a random draw, so that whatever follows it has no ties left to break;
 * - `spread(field)`: how many tasks of the request's group (a service's own tasks, or a
 *   standalone task's `group`) are already in the candidate's bucket, the bucket being the
 *   instance for `instanceId`/`host`, or the value of the attribute for `attribute:<name>`
 *   (instances lacking the attribute share one bucket of their own); counted over every ACTIVE
 *   instance of the snapshot, feasible or not, since a full instance still holds its tasks;
 * - `binpack(cpu|memory)`: what is left of that resource, so that the fullest instance that
 *   still fits comes first.
 *
 * The keys compose as ECS composes strategies: compared in the request's order, each one only
 * breaks the ties of the ones before it (see ./select.ts).
 */
import type { Resource } from '@quayside/openapi/types'
import type { CandidateState } from './feasibility.js'
import type { PlacementRequest, Random, Strategy } from './types.js'

/** What a scorer sees for one request: every ACTIVE candidate, the request, the random source. */
export interface RankContext {
  readonly candidates: readonly CandidateState[]
  readonly request: PlacementRequest
  readonly random: Random
}

/**
 * One strategy's state over one request: `key` ranks a feasible candidate for the next task;
 * `placed` tells it a task of the request went to a candidate, so that the next keys see it.
 */
export interface Ranker {
  key(candidate: CandidateState): number
  placed(candidate: CandidateState): void
  /**
   * True when a candidate's key changes only when a task of the request is placed on it (so
   * the stack asks again only for that candidate: ./select.ts); false or absent, every key may
   * change at every placement.
   */
  readonly local?: boolean
}

/**
 * A strategy's ranker for one request, built once from the context (an attribute spread counts
 * its buckets once, a spread on instanceId each candidate's snapshot when first asked; both
 * then follow the request's own placements).
 */
export type Scorer = (context: RankContext) => Ranker

/** The range of a `random` key: wide enough that two candidates rarely draw the same. */
export const RANDOM_KEYS = 2 ** 31

/** The tasks of `group` on a candidate, including those this request placed there. */
export function groupCount(candidate: CandidateState, group: string): number {
  let n = 0
  for (const g of candidate.taskGroups) if (g === group) n++
  return n
}

/** A candidate's spread bucket for `field`; undefined for an instance lacking the attribute. */
export function bucketOf(candidate: CandidateState, field: string): string | undefined {
  if (field === 'instanceId' || field === 'host') return candidate.snapshot.id
  const name = field.slice('attribute:'.length)
  const attribute = candidate.snapshot.instance.attributes.find(a => a.name === name)
  return attribute === undefined ? undefined : (attribute.value ?? '')
}

/** The amount of a numeric resource, 0 when absent. */
export function amountOf(resources: readonly Resource[], name: string): number {
  const r = resources.find(x => x.name === name)
  return r?.integerValue ?? r?.longValue ?? r?.doubleValue ?? 0
}

const nothing = () => undefined

export const randomScorer: Scorer = ({ random }) => ({
  key: () => random(RANDOM_KEYS),
  placed: nothing,
})

export const spreadScorer =
  (field: string): Scorer =>
  ({ candidates, request }) => {
    if (field === 'instanceId' || field === 'host') {
      // Each instance is its own bucket: the group's tasks in its snapshot, counted when asked
      // (the table asks each candidate once, then only the one that took a task), plus those
      // this request placed there (a few, so a large cluster costs no map of every candidate).
      const own = new Map<CandidateState, number>()
      const snapshotCount = (c: CandidateState) => {
        let n = 0
        for (const g of c.snapshot.taskGroups) if (g === request.group) n++
        return n
      }
      return {
        local: true,
        key: c => snapshotCount(c) + (own.size === 0 ? 0 : (own.get(c) ?? 0)),
        placed: c => {
          own.set(c, (own.get(c) ?? 0) + 1)
        },
      }
    }
    const bucket = new Map<CandidateState, string | undefined>()
    const counts = new Map<string | undefined, number>()
    for (const c of candidates) {
      const b = bucketOf(c, field)
      bucket.set(c, b)
      counts.set(b, (counts.get(b) ?? 0) + groupCount(c, request.group))
    }
    return {
      key: c => counts.get(bucket.get(c)) ?? 0,
      placed: c => {
        const b = bucket.get(c)
        counts.set(b, (counts.get(b) ?? 0) + 1)
      },
    }
  }

export const binpackScorer =
  (field: 'cpu' | 'memory'): Scorer =>
  () => {
    const name = field === 'cpu' ? 'CPU' : 'MEMORY'
    // The candidate's `remaining` already holds the request's placements.
    return { local: true, key: c => amountOf(c.remaining, name), placed: nothing }
  }

/** The scorer of one parsed strategy (./placement-strategy.ts has checked its field). */
export function scorerOf(strategy: Strategy): Scorer {
  if (strategy.type === 'spread') return spreadScorer(strategy.field ?? 'instanceId')
  if (strategy.type === 'binpack') return binpackScorer(strategy.field === 'cpu' ? 'cpu' : 'memory')
  return randomScorer
}
