import t from 'tap'
import { reconcile, type ReconcileTask } from '../../src/services/reconcile.js'

/** A task on i1; RUNNING ones healthy unless `more` says otherwise. */
const task = (
  id: string,
  lastStatus: ReconcileTask['lastStatus'] = 'RUNNING',
  desiredStatus: ReconcileTask['desiredStatus'] = 'RUNNING',
  more: Partial<ReconcileTask> = {},
): ReconcileTask => ({
  id,
  instanceId: 'i1',
  availabilityZone: 'z1',
  lastStatus,
  desiredStatus,
  deployment: 'ecs-svc/1',
  createdAt: Number(id.slice(1)),
  health: lastStatus === 'RUNNING' ? 'HEALTHY' : 'STARTING',
  draining: false,
  ...more,
})

type Want = {
  start: number
  stop: string[]
  paced: boolean
  throttled: boolean
  steady: boolean
  failedHealth?: string[]
  deadlocked?: boolean
}

const cases: {
  name: string
  desired: number
  tasks: ReconcileTask[]
  launched?: number
  pace?: number
  throttled?: boolean
  percent?: [number, number]
  want: Want
}[] = [
  {
    name: 'nothing yet: start desiredCount',
    desired: 3,
    tasks: [],
    want: { start: 3, stop: [], paced: false, throttled: false, steady: false },
  },
  {
    name: 'a stopping task is not counted: replace it',
    desired: 2,
    tasks: [task('t1'), task('t2', 'RUNNING', 'STOPPED')],
    want: { start: 1, stop: [], paced: false, throttled: false, steady: false },
  },
  {
    name: 'pending tasks count but are not steady',
    desired: 2,
    tasks: [task('t1'), task('t2', 'PENDING')],
    want: { start: 0, stop: [], paced: false, throttled: false, steady: false },
  },
  {
    name: 'all RUNNING at desiredCount: steady',
    desired: 2,
    tasks: [task('t1'), task('t2')],
    want: { start: 0, stop: [], paced: false, throttled: false, steady: true },
  },
  {
    name: 'desiredCount 0 and nothing left: steady',
    desired: 0,
    tasks: [],
    want: { start: 0, stop: [], paced: false, throttled: false, steady: true },
  },
  {
    name: 'surplus: stop the newest (PENDING first)',
    desired: 1,
    tasks: [task('t1'), task('t2'), task('t3', 'PENDING')],
    want: { start: 0, stop: ['t3', 't2'], paced: false, throttled: false, steady: false },
  },
  {
    name: 'the pace bounds the starts',
    desired: 10,
    tasks: [],
    launched: 245,
    pace: 250,
    want: { start: 5, stop: [], paced: true, throttled: false, steady: false },
  },
  {
    name: 'the pace spent: nothing starts',
    desired: 1,
    tasks: [],
    launched: 250,
    pace: 250,
    want: { start: 0, stop: [], paced: true, throttled: false, steady: false },
  },
  {
    name: 'a shortfall while the launch back-off runs: nothing starts',
    desired: 2,
    tasks: [task('t1')],
    throttled: true,
    want: { start: 0, stop: [], paced: false, throttled: true, steady: false },
  },
  {
    name: 'the back-off does not hold up a scale-in',
    desired: 1,
    tasks: [task('t1'), task('t2')],
    throttled: true,
    want: { start: 0, stop: ['t2'], paced: false, throttled: false, steady: false },
  },
  {
    name: 'RUNNING but not yet healthy (the 40 s rule): not steady',
    desired: 1,
    tasks: [task('t1', 'RUNNING', 'RUNNING', { health: 'STARTING' })],
    want: { start: 0, stop: [], paced: false, throttled: false, steady: false },
  },
  {
    name: 'an unhealthy task with headroom (100/200): its replacement starts first',
    desired: 2,
    tasks: [task('t1'), task('t2', 'RUNNING', 'RUNNING', { health: 'UNHEALTHY' })],
    want: { start: 1, stop: [], paced: false, throttled: false, steady: false },
  },
  {
    name: 'the replacement healthy: the unhealthy task stops, with its reason',
    desired: 2,
    tasks: [task('t1'), task('t2', 'RUNNING', 'RUNNING', { health: 'UNHEALTHY' }), task('t3')],
    want: {
      start: 0,
      stop: ['t2'],
      failedHealth: ['t2'],
      paced: false,
      throttled: false,
      steady: false,
    },
  },
  {
    name: 'PENDING on a DRAINING instance: stopped at once, replaced',
    desired: 1,
    tasks: [task('t1', 'PENDING', 'RUNNING', { draining: true })],
    want: { start: 1, stop: ['t1'], paced: false, throttled: false, steady: false },
  },
  {
    name: 'RUNNING on a DRAINING instance at 100/100: deadlocked',
    desired: 2,
    tasks: [task('t1', 'RUNNING', 'RUNNING', { draining: true }), task('t2')],
    percent: [100, 100],
    want: {
      start: 0,
      stop: [],
      deadlocked: true,
      paced: false,
      throttled: false,
      steady: false,
    },
  },
  {
    name: 'a task to replace beyond desiredCount stops at once',
    desired: 1,
    tasks: [task('t1', 'RUNNING', 'RUNNING', { draining: true }), task('t2')],
    want: { start: 0, stop: ['t1'], paced: false, throttled: false, steady: false },
  },
  {
    name: 'a surge replacing an unhealthy task is no surplus',
    desired: 2,
    tasks: [
      task('t1'),
      task('t2', 'RUNNING', 'RUNNING', { health: 'UNHEALTHY' }),
      task('t3', 'RUNNING', 'RUNNING', { health: 'STARTING' }),
    ],
    want: { start: 0, stop: [], paced: false, throttled: false, steady: false },
  },
]

for (const c of cases)
  t.test(c.name, t => {
    const got = reconcile({
      desiredCount: c.desired,
      tasks: c.tasks,
      primaryDeployment: 'ecs-svc/1',
      strategies: [],
      minimumHealthyPercent: c.percent?.[0] ?? 100,
      maximumPercent: c.percent?.[1] ?? 200,
      launchedLastMinute: c.launched ?? 0,
      launchesPerMinute: c.pace ?? 250,
      throttled: c.throttled ?? false,
    })
    t.same(
      { ...got, stop: [...got.stop], failedHealth: [...got.failedHealth] },
      { failedHealth: [], deadlocked: false, ...c.want },
    )
    t.end()
  })
