import t from 'tap'
import type { ContainerInstanceDocument } from '../../src/resources/container-instances.js'
import type { CandidateState } from '../../src/scheduler/feasibility.js'
import {
  amountOf,
  binpackScorer,
  bucketOf,
  groupCount,
  RANDOM_KEYS,
  randomScorer,
  scorerOf,
  spreadScorer,
  type RankContext,
} from '../../src/scheduler/rank.js'
import type { PlacementRequest } from '../../src/scheduler/types.js'

/** A candidate with `cpu`/`memory` left, the given attributes and task groups. */
function fakeCandidate(
  id: string,
  over: { cpu?: number; memory?: number; zone?: string; groups?: string[] } = {},
): CandidateState {
  const instance = {
    containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${id}`,
    attributes:
      over.zone === undefined ? [] : [{ name: 'ecs.availability-zone', value: over.zone }],
  } as unknown as ContainerInstanceDocument
  return {
    snapshot: { id, instance, taskGroups: over.groups ?? [] },
    remaining: [
      { name: 'CPU', type: 'INTEGER', integerValue: over.cpu ?? 1024 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: over.memory ?? 2048 },
    ],
    taskGroups: over.groups ?? [],
  }
}

const request = { group: 'family:web' } as PlacementRequest
const context = (candidates: CandidateState[], random = (n: number) => n - 1): RankContext => ({
  candidates,
  request,
  random,
})

const web = 'family:web'
const cluster = [
  fakeCandidate('a', { zone: 'z1', groups: [web, web, 'family:db'], cpu: 100, memory: 900 }),
  fakeCandidate('b', { zone: 'z1', groups: [], cpu: 500, memory: 300 }),
  fakeCandidate('c', { zone: 'z2', groups: [web], cpu: 800, memory: 100 }),
  fakeCandidate('d', { groups: [web, 'family:db'] }),
  fakeCandidate('e', { groups: [web] }),
]

const cases: {
  name: string
  given: { field: string; type: 'spread' | 'binpack' }
  want: number[]
}[] = [
  {
    name: 'spread instanceId counts the group on each instance',
    given: { type: 'spread', field: 'instanceId' },
    want: [2, 0, 1, 1, 1],
  },
  { name: 'host is instanceId', given: { type: 'spread', field: 'host' }, want: [2, 0, 1, 1, 1] },
  {
    name: 'spread by zone sums the bucket; instances lacking it share their own',
    given: { type: 'spread', field: 'attribute:ecs.availability-zone' },
    want: [2, 2, 1, 2, 2],
  },
  {
    name: 'an attribute no instance has: one bucket of all',
    given: { type: 'spread', field: 'attribute:rack' },
    want: [5, 5, 5, 5, 5],
  },
  {
    name: 'binpack cpu is what is left of it',
    given: { type: 'binpack', field: 'cpu' },
    want: [100, 500, 800, 1024, 1024],
  },
  {
    name: 'binpack memory',
    given: { type: 'binpack', field: 'memory' },
    want: [900, 300, 100, 2048, 2048],
  },
]

for (const { name, given, want } of cases) {
  t.test(name, t => {
    const ranker = scorerOf(given)(context(cluster))
    t.same(
      cluster.map(c => ranker.key(c)),
      want,
    )
    t.end()
  })
}

t.test('spread counts every ACTIVE candidate, feasible or not', t => {
  // Only b is scored, but a (full, say) still holds two tasks of the zone.
  const ranker = spreadScorer('attribute:ecs.availability-zone')(context(cluster))
  const b = cluster[1]
  if (!b) throw new Error('fixture')
  t.equal(ranker.key(b), 2)
  t.end()
})

t.test("placed: the next keys see the request's own placements", t => {
  const [a, b, c] = cluster
  if (!a || !b || !c) throw new Error('fixture')
  const zone = spreadScorer('attribute:ecs.availability-zone')(context(cluster))
  const instance = spreadScorer('instanceId')(context(cluster))
  zone.placed(c)
  instance.placed(c)
  instance.placed(b)
  t.same([zone.key(a), zone.key(c), instance.key(b), instance.key(c)], [2, 2, 1, 2])
  const binpack = binpackScorer('cpu')(context(cluster))
  binpack.placed(a)
  t.equal(binpack.key(a), 100, 'binpack reads the remaining the stack keeps')
  t.end()
})

t.test('random draws a key from the injected source; the default field of spread', t => {
  const draws: number[] = []
  const random = randomScorer(
    context(cluster, n => {
      draws.push(n)
      return 7
    }),
  )
  t.equal(random.key(fakeCandidate('a')), 7)
  random.placed(fakeCandidate('a'))
  t.same(draws, [RANDOM_KEYS], 'one draw per key, none per placement')
  t.equal(scorerOf({ type: 'random' })(context(cluster)).key(fakeCandidate('a')), RANDOM_KEYS - 1)
  const spread = scorerOf({ type: 'spread' })(context(cluster))
  t.same(
    cluster.map(c => spread.key(c)),
    [2, 0, 1, 1, 1],
  )
  t.equal(binpackScorer('cpu')(context([])).key(fakeCandidate('z', { cpu: 3 })), 3)
  t.end()
})

t.test('helpers', t => {
  t.equal(groupCount(fakeCandidate('a', { groups: [web, 'x', web] }), web), 2)
  t.equal(bucketOf(fakeCandidate('a'), 'instanceId'), 'a')
  t.equal(bucketOf(fakeCandidate('a', { zone: 'z1' }), 'attribute:ecs.availability-zone'), 'z1')
  t.equal(bucketOf(fakeCandidate('a'), 'attribute:ecs.availability-zone'), undefined)
  const valueless = fakeCandidate('v')
  ;(valueless.snapshot.instance.attributes as { name: string }[]).push({ name: 'gpu' })
  t.equal(bucketOf(valueless, 'attribute:gpu'), '', 'present without a value: its own bucket')
  t.same(
    [
      amountOf([{ name: 'CPU', longValue: 5 }], 'CPU'),
      amountOf([{ name: 'CPU', doubleValue: 1.5 }], 'CPU'),
      amountOf([], 'CPU'),
    ],
    [5, 1.5, 0],
  )
  t.end()
})
