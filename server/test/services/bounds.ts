import t from 'tap'
import {
  boundedStep,
  deploymentBounds,
  type BoundedTask,
  type DeploymentBounds,
} from '../../src/services/bounds.js'

t.test('deployment bounds: ceil of min, floor of max', t => {
  const rows: { given: [number, number, number]; want: DeploymentBounds }[] = [
    { given: [4, 50, 200], want: { min: 2, max: 8 } },
    { given: [4, 100, 100], want: { min: 4, max: 4 } },
    { given: [1, 0, 100], want: { min: 0, max: 1 } },
    { given: [3, 100, 150], want: { min: 3, max: 4 } },
    { given: [3, 50, 200], want: { min: 2, max: 6 } },
    { given: [5, 33, 133], want: { min: 2, max: 6 } },
    { given: [0, 100, 200], want: { min: 0, max: 0 } },
  ]
  for (const { given, want } of rows)
    t.same(deploymentBounds(...given), want, `desired ${given.join(' at ')}%`)
  t.end()
})

/** `n` tasks named `<prefix>1..n`, healthy, to replace when `replace`. */
const tasks = (prefix: string, n: number, more: Partial<BoundedTask> = {}): BoundedTask[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i + 1)}`,
    healthy: true,
    replace: false,
    ...more,
  }))
const old = (n: number) => tasks('o', n, { replace: true })
const fresh = (n: number, healthy = true) => tasks('n', n, { healthy })

const rows: {
  name: string
  desired: number
  percent: [number, number]
  tasks: BoundedTask[]
  want: { start: number; stop: string[]; deadlocked: boolean }
}[] = [
  {
    name: 'desired 4 at 50/200: stop 2 old and start 4 new at once',
    desired: 4,
    percent: [50, 200],
    tasks: old(4),
    want: { start: 4, stop: ['o1', 'o2'], deadlocked: false },
  },
  {
    name: 'desired 4 at 100/100: nothing can start or stop (deadlock)',
    desired: 4,
    percent: [100, 100],
    tasks: old(4),
    want: { start: 0, stop: [], deadlocked: true },
  },
  {
    name: 'desired 1 at 0/100: stop, then start (downtime)',
    desired: 1,
    percent: [0, 100],
    tasks: old(1),
    want: { start: 1, stop: ['o1'], deadlocked: false },
  },
  {
    name: 'desired 3 at 100/150: one surge task',
    desired: 3,
    percent: [100, 150],
    tasks: old(3),
    want: { start: 1, stop: [], deadlocked: false },
  },
  {
    name: 'desired 3 at 100/150: the surge task not healthy yet, wait',
    desired: 3,
    percent: [100, 150],
    tasks: [...old(3), ...fresh(1, false)],
    want: { start: 0, stop: [], deadlocked: false },
  },
  {
    name: 'desired 3 at 100/150: the surge task healthy, one old stops and the next surges',
    desired: 3,
    percent: [100, 150],
    tasks: [...old(3), ...fresh(1)],
    want: { start: 1, stop: ['o1'], deadlocked: false },
  },
  {
    name: 'desired 2 at 100/200: an unhealthy task is replaced first',
    desired: 2,
    percent: [100, 200],
    tasks: [...fresh(1), { id: 'u', healthy: false, replace: true }],
    want: { start: 1, stop: [], deadlocked: false },
  },
  {
    name: 'desired 2 at 100/200: its replacement still starting, the unhealthy one stays',
    desired: 2,
    percent: [100, 200],
    tasks: [...tasks('k', 1), ...fresh(1, false), { id: 'u', healthy: false, replace: true }],
    want: { start: 0, stop: [], deadlocked: false },
  },
  {
    name: 'desired 2 at 100/200: its replacement healthy, the unhealthy one stops',
    desired: 2,
    percent: [100, 200],
    tasks: [...tasks('k', 1), ...fresh(1), { id: 'u', healthy: false, replace: true }],
    want: { start: 0, stop: ['u'], deadlocked: false },
  },
  {
    name: 'desired 4 at 50/200: with headroom an unhealthy task waits for its replacement too',
    desired: 4,
    percent: [50, 200],
    tasks: [...fresh(3), { id: 'u', healthy: false, replace: true }],
    want: { start: 1, stop: [], deadlocked: false },
  },
  {
    name: 'desired 2 at 100/100: no room, one unhealthy task stops to make room',
    desired: 2,
    percent: [100, 100],
    tasks: [
      { id: 'u1', healthy: false, replace: true },
      { id: 'u2', healthy: false, replace: true },
    ],
    want: { start: 1, stop: ['u1'], deadlocked: false },
  },
  {
    name: 'unhealthy tasks go before healthy ones to replace',
    desired: 2,
    percent: [50, 100],
    tasks: [...old(1), { id: 'u', healthy: false, replace: true }],
    want: { start: 1, stop: ['u'], deadlocked: false },
  },
  {
    name: 'desired 2 at 100/200: a draining pair moves one healthy replacement at a time',
    desired: 2,
    percent: [100, 200],
    tasks: [...old(2), ...fresh(1), ...fresh(1, false).map(n => ({ ...n, id: 'n2' }))],
    want: { start: 0, stop: ['o1'], deadlocked: false },
  },
  {
    name: 'nothing to replace and at desired: nothing to do, no deadlock',
    desired: 2,
    percent: [100, 100],
    tasks: fresh(2),
    want: { start: 0, stop: [], deadlocked: false },
  },
  {
    name: 'a shortfall without replacement is filled up to max',
    desired: 3,
    percent: [100, 200],
    tasks: fresh(1),
    want: { start: 2, stop: [], deadlocked: false },
  },
]

for (const row of rows)
  t.test(row.name, t => {
    const got = boundedStep({
      desired: row.desired,
      bounds: deploymentBounds(row.desired, ...row.percent),
      tasks: row.tasks,
    })
    t.same({ ...got, stop: [...got.stop] }, row.want)
    t.end()
  })
