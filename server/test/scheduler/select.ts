import t from 'tap'
import type { ContainerInstanceDocument } from '../../src/resources/container-instances.js'
import type { CandidateState } from '../../src/scheduler/feasibility.js'
import { seededRandom } from '../../src/scheduler/harness.js'
import { amountOf, scorerOf } from '../../src/scheduler/rank.js'
import { RankTable, selectInstance } from '../../src/scheduler/select.js'
import type { PlacementRequest, Random, Strategy } from '../../src/scheduler/types.js'

/** A candidate in `zone` with `memory` left and `web` tasks of the request's group. */
function fakeCandidate(id: string, zone: string, memory: number, web: number): CandidateState {
  const instance = {
    attributes: [{ name: 'ecs.availability-zone', value: zone }],
  } as unknown as ContainerInstanceDocument
  const taskGroups = Array.from({ length: web }, () => 'family:web')
  return {
    snapshot: { id, instance, taskGroups },
    remaining: [{ name: 'MEMORY', type: 'INTEGER', integerValue: memory }],
    taskGroups,
  }
}

const cluster = [
  fakeCandidate('a', 'z1', 512, 1),
  fakeCandidate('b', 'z1', 256, 0),
  fakeCandidate('c', 'z2', 1024, 1),
  fakeCandidate('d', 'z2', 256, 2),
  fakeCandidate('e', 'z3', 2048, 1),
  fakeCandidate('f', 'z3', 128, 1),
]
const request = { group: 'family:web' } as PlacementRequest
const zone: Strategy = { type: 'spread', field: 'attribute:ecs.availability-zone' }
const instance: Strategy = { type: 'spread', field: 'instanceId' }
const memory: Strategy = { type: 'binpack', field: 'memory' }
const last: Random = n => n - 1
const rankers = (strategies: Strategy[], random: Random = last) =>
  strategies.map(s => scorerOf(s)({ candidates: cluster, request, random }))

const cases: {
  name: string
  given: { strategies: Strategy[]; feasible?: string[] }
  want: { chosen: string; keys: Record<string, number[]> }
}[] = [
  {
    name: 'spread by zone: z1 has the fewest, its tie broken at random (the last of a and b)',
    given: { strategies: [zone] },
    want: { chosen: 'b', keys: { a: [1], b: [1], c: [3], d: [3], e: [2], f: [2] } },
  },
  {
    name: 'zone, then instance: the emptiest instance of the emptiest zone',
    given: { strategies: [zone, instance] },
    want: {
      chosen: 'b',
      keys: { a: [1, 1], b: [1, 0], c: [3, 1], d: [3, 2], e: [2, 1], f: [2, 1] },
    },
  },
  {
    name: 'binpack memory alone: the least memory left',
    given: { strategies: [memory] },
    want: { chosen: 'f', keys: { a: [512], b: [256], c: [1024], d: [256], e: [2048], f: [128] } },
  },
  {
    name: 'zone, then binpack inside it',
    given: { strategies: [zone, memory] },
    want: {
      chosen: 'b',
      keys: { a: [1, 512], b: [1, 256], c: [3, 1024], d: [3, 256], e: [2, 2048], f: [2, 128] },
    },
  },
  {
    name: 'binpack, then spread: b and d tie on memory, b has fewer tasks',
    given: { strategies: [memory, instance], feasible: ['a', 'b', 'c', 'd'] },
    want: {
      chosen: 'b',
      keys: { a: [512, 1], b: [256, 0], c: [1024, 1], d: [256, 2] },
    },
  },
  {
    name: 'the zone counts infeasible instances too: z1 holds a task on a, only b is feasible',
    given: { strategies: [zone], feasible: ['b', 'e'] },
    want: { chosen: 'b', keys: { b: [1], e: [2] } },
  },
  {
    name: 'no strategies: every candidate ties, the random pick decides',
    given: { strategies: [] },
    want: { chosen: 'f', keys: { a: [], b: [], c: [], d: [], e: [], f: [] } },
  },
]

for (const { name, given, want } of cases) {
  t.test(name, t => {
    const feasible = cluster.filter(
      c => given.feasible === undefined || given.feasible.includes(c.snapshot.id),
    )
    const { chosen, ranks } = selectInstance(feasible, rankers(given.strategies), last)
    t.equal(chosen?.snapshot.id, want.chosen)
    t.same(Object.fromEntries(ranks.map(r => [r.instanceId, r.keys])), want.keys)
    t.end()
  })
}

t.test('random first leaves nothing for the strategies after it', t => {
  let draw = 0
  // Draws 0, 1, 2, ... per candidate: a gets the lowest random key whatever follows.
  const { chosen, ranks } = selectInstance(
    cluster,
    rankers([{ type: 'random' }, memory], () => draw++),
    last,
  )
  t.equal(chosen?.snapshot.id, 'a')
  t.same(ranks[0]?.keys, [0, 512])
  t.end()
})

t.test('nothing feasible', t => {
  t.same(selectInstance([], rankers([zone]), last), {
    chosen: undefined,
    ranks: [],
  })
  t.end()
})

t.test('a RankTable asks a local ranker again only for the row that took the task', t => {
  const asked: string[] = []
  const counting = (local: boolean) => ({
    local,
    key: (c: CandidateState) => {
      asked.push(c.snapshot.id)
      return c.snapshot.id === 'b' ? 0 : 1
    },
    placed: () => undefined,
  })
  const cases = [
    { name: 'local', given: true, want: ['a', 'b', 'c', 'b'] },
    { name: 'not local', given: false, want: ['a', 'b', 'c', 'a', 'b', 'c'] },
  ]
  for (const { name, given, want } of cases) {
    asked.length = 0
    const table = new RankTable(cluster.slice(0, 3), [counting(given)])
    const first = table.select(last)
    t.equal(first.chosen?.snapshot.id, 'b', `${name}: the lowest key`)
    table.placed(first.row, true)
    const second = table.select(last)
    t.same(asked, want, `${name}: rankers asked`)
    t.same(
      second.ranks.map(r => r.instanceId),
      ['a', 'b', 'c'],
      `${name}: every feasible row ranked`,
    )
    table.placed(second.row, false)
    t.same(
      table.select(last).ranks.map(r => r.instanceId),
      ['a', 'c'],
      `${name}: a row no longer feasible is left out`,
    )
  }
  t.end()
})

/**
 * Runs `count` selections the way the stack does (the chosen candidate's memory goes down by
 * `memory`, its groups grow, the rankers hear of it; a row left without memory drops), on
 * fresh copies of `cluster`; `notLocal` hides the rankers' `local` so that the table compares
 * every row at every selection. Returns each choice with its ranks.
 */
function run(strategies: Strategy[], seed: number, count: number, notLocal: boolean) {
  const candidates = cluster.map(c => ({ ...c, remaining: [...c.remaining] }))
  const scorers = strategies.map(s => scorerOf(s)({ candidates, request, random: last }))
  const rankers = notLocal
    ? // The run below tells the scorers of each placement itself.
      scorers.map(r => ({ key: (c: CandidateState) => r.key(c), placed: () => undefined }))
    : scorers
  const random = seededRandom(seed)
  const table = new RankTable(candidates, rankers)
  const out: { chosen: string | undefined; ranks: string }[] = []
  const selections = []
  for (let i = 0; i < count; i++) {
    const selection = table.select(random)
    selections.push(selection)
    const chosen = selection.chosen
    if (!chosen) break
    const left = amountOf(chosen.remaining, 'MEMORY') - 128
    chosen.remaining = [{ name: 'MEMORY', type: 'INTEGER', integerValue: left }]
    chosen.taskGroups = [...chosen.taskGroups, request.group]
    for (const r of scorers) r.placed(chosen)
    table.placed(selection.row, left >= 128)
  }
  // Read only now: each selection's ranks as they were when it was made.
  for (const s of selections)
    out.push({
      chosen: s.chosen?.snapshot.id,
      ranks: s.ranks.map(r => `${r.instanceId}:${r.keys.join('/')}`).join(' '),
    })
  return out
}

t.test(
  'local rankers followed through the chosen row choose and rank as comparing every row',
  t => {
    const cases: { name: string; given: Strategy[] }[] = [
      {
        name: 'spread by instance: the tied rows thin out, then all are compared again',
        given: [instance],
      },
      { name: 'binpack: the chosen row leads alone, then drops when full', given: [memory] },
      { name: 'binpack, then spread', given: [memory, instance] },
      { name: 'spread, then binpack', given: [instance, memory] },
      { name: 'no strategy: every row tied', given: [] },
    ]
    for (const { name, given } of cases)
      for (const seed of [1, 2, 3, 4, 5]) {
        const followed = run(given, seed, 40, false)
        t.same(followed, run(given, seed, 40, true), `${name} (seed ${String(seed)})`)
        if (given.length > 0 && seed === 1)
          t.ok(
            followed.some(s => s.chosen === undefined),
            `${name}: runs until nothing is feasible`,
          )
      }
    t.end()
  },
)

t.test('a task placed on a row that was not chosen: every row is compared again', t => {
  const a = { ...(cluster[0] as CandidateState) }
  const table = new RankTable([a, ...cluster.slice(1, 3)], rankers([memory]))
  // a 512, b 256, c 1024 left: b is chosen; the caller places on a instead, leaving it 100.
  t.equal(table.select(last).chosen?.snapshot.id, 'b')
  a.remaining = [{ name: 'MEMORY', type: 'INTEGER', integerValue: 100 }]
  table.placed(0, true)
  const next = table.select(last)
  t.equal(next.chosen?.snapshot.id, 'a', 'the row whose key went down leads')
  t.same(
    next.ranks.map(r => r.keys),
    [[100], [256], [1024]],
  )
  t.end()
})
