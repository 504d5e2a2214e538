import t from 'tap'
import { reconcile, type ServiceTaskView } from '../../src/services/reconcile.js'

const task = (
  id: string,
  lastStatus: ServiceTaskView['lastStatus'] = 'RUNNING',
  desiredStatus: ServiceTaskView['desiredStatus'] = 'RUNNING',
): ServiceTaskView => ({
  id,
  instanceId: 'i1',
  availabilityZone: 'z1',
  lastStatus,
  desiredStatus,
  deployment: 'ecs-svc/1',
  createdAt: Number(id.slice(1)),
})

const cases: {
  name: string
  desired: number
  tasks: ServiceTaskView[]
  launched?: number
  pace?: number
  throttled?: boolean
  want: { start: number; stop: string[]; paced: boolean; throttled: boolean; steady: boolean }
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
]

for (const c of cases)
  t.test(c.name, t => {
    const got = reconcile({
      desiredCount: c.desired,
      tasks: c.tasks,
      primaryDeployment: 'ecs-svc/1',
      strategies: [],
      launchedLastMinute: c.launched ?? 0,
      launchesPerMinute: c.pace ?? 250,
      throttled: c.throttled ?? false,
    })
    t.same({ ...got, stop: [...got.stop] }, c.want)
    t.end()
  })
