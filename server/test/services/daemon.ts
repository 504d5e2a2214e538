import t from 'tap'
import type { StoredDeployment } from '../../src/resources/services.js'
import {
  decideDaemon,
  settleDeployments,
  type DaemonDecision,
  type DaemonInput,
  type DaemonInstanceView,
} from '../../src/services/daemon.js'
import type { ServiceTaskView } from '../../src/services/scale-in.js'

const NEW = 'ecs-svc/2'
const OLD = 'ecs-svc/1'

/** An ACTIVE, connected, matching instance unless told otherwise. */
const instance = (id: string, over: Partial<DaemonInstanceView> = {}): DaemonInstanceView => ({
  id,
  status: 'ACTIVE',
  connected: true,
  matches: true,
  ...over,
})

/** A RUNNING task of the PRIMARY deployment on `instanceId` unless told otherwise. */
const task = (
  id: string,
  instanceId: string,
  over: Partial<ServiceTaskView> = {},
): ServiceTaskView => ({
  id,
  instanceId,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  deployment: NEW,
  createdAt: 100,
  ...over,
})

const input = (over: Partial<DaemonInput>): DaemonInput => ({
  instances: [],
  tasks: [],
  primaryDeployment: NEW,
  active: true,
  minimumHealthyPercent: 0,
  ...over,
})

t.test('which instances get a task, which tasks stop', t => {
  const cases: { name: string; given: DaemonInput; want: DaemonDecision }[] = [
    {
      name: 'two empty instances: a task on each',
      given: input({ instances: [instance('b'), instance('a')] }),
      want: { start: ['a', 'b'], stop: [], eligible: 2, steady: false },
    },
    {
      name: 'one task RUNNING on each: steady',
      given: input({
        instances: [instance('a'), instance('b')],
        tasks: [task('t1', 'a'), task('t2', 'b')],
      }),
      want: { start: [], stop: [], eligible: 2, steady: true },
    },
    {
      name: 'a PENDING task is kept and waited for',
      given: input({
        instances: [instance('a')],
        tasks: [task('t1', 'a', { lastStatus: 'PENDING' })],
      }),
      want: { start: [], stop: [], eligible: 1, steady: false },
    },
    {
      name: 'a third instance registers: it gets one',
      given: input({
        instances: [instance('a'), instance('b'), instance('c')],
        tasks: [task('t1', 'a'), task('t2', 'b')],
      }),
      want: { start: ['c'], stop: [], eligible: 3, steady: false },
    },
    {
      name: 'a DRAINING instance: its task stops, none starts there',
      given: input({
        instances: [instance('a'), instance('b', { status: 'DRAINING' })],
        tasks: [task('t1', 'a'), task('t2', 'b')],
      }),
      want: { start: [], stop: [{ id: 't2', cause: 'ineligible' }], eligible: 1, steady: false },
    },
    {
      name: 'an instance that stopped matching: its task stops',
      given: input({
        instances: [instance('a'), instance('b', { matches: false })],
        tasks: [task('t1', 'a'), task('t2', 'b')],
      }),
      want: { start: [], stop: [{ id: 't2', cause: 'ineligible' }], eligible: 1, steady: false },
    },
    {
      name: 'a deregistered (absent) instance: its task stops',
      given: input({ instances: [instance('a')], tasks: [task('t1', 'a'), task('t2', 'gone')] }),
      want: { start: [], stop: [{ id: 't2', cause: 'ineligible' }], eligible: 1, steady: false },
    },
    {
      name: 'an instance not matching gets nothing and is not counted',
      given: input({ instances: [instance('a'), instance('b', { matches: false })] }),
      want: { start: ['a'], stop: [], eligible: 1, steady: false },
    },
    {
      name: 'an agent away: nothing starts there, its task is left alone',
      given: input({
        instances: [instance('a', { connected: false }), instance('b', { connected: false })],
        tasks: [task('t1', 'a')],
      }),
      want: { start: [], stop: [], eligible: 0, steady: false },
    },
    {
      name: 'a second task on one instance: the newer stops, RUNNING kept over PENDING',
      given: input({
        instances: [instance('a')],
        tasks: [
          task('t2', 'a', { createdAt: 200 }),
          task('t1', 'a', { lastStatus: 'PENDING', createdAt: 50 }),
          task('t3', 'a', { createdAt: 300 }),
        ],
      }),
      want: {
        start: [],
        stop: [
          { id: 't1', cause: 'duplicate' },
          { id: 't3', cause: 'duplicate' },
        ],
        eligible: 1,
        steady: false,
      },
    },
    {
      name: 'a task still stopping holds its instance: the new one waits',
      given: input({
        instances: [instance('a')],
        tasks: [task('t1', 'a', { desiredStatus: 'STOPPED' })],
      }),
      want: { start: [], stop: [], eligible: 1, steady: false },
    },
    {
      name: 'a new deployment at 0%: every old task stops first, then the new ones start',
      given: input({
        instances: [instance('a'), instance('b')],
        tasks: [task('t1', 'a', { deployment: OLD }), task('t2', 'b', { deployment: OLD })],
      }),
      want: {
        start: [],
        stop: [
          { id: 't1', cause: 'replaced' },
          { id: 't2', cause: 'replaced' },
        ],
        eligible: 2,
        steady: false,
      },
    },
    {
      name: 'a new deployment at 50%: one of two old tasks stops at a time',
      given: input({
        minimumHealthyPercent: 50,
        instances: [instance('a'), instance('b')],
        tasks: [task('t1', 'a', { deployment: OLD }), task('t2', 'b', { deployment: OLD })],
      }),
      want: { start: [], stop: [{ id: 't1', cause: 'replaced' }], eligible: 2, steady: false },
    },
    {
      name: 'an old task beside a new one on the same instance stops',
      given: input({
        instances: [instance('a')],
        tasks: [task('t1', 'a', { deployment: OLD }), task('t2', 'a', { lastStatus: 'PENDING' })],
      }),
      want: { start: [], stop: [{ id: 't1', cause: 'replaced' }], eligible: 1, steady: false },
    },
    {
      name: 'a DRAINING service: every task stops',
      given: input({
        active: false,
        instances: [instance('a'), instance('b')],
        tasks: [task('t1', 'a'), task('t2', 'b')],
      }),
      want: {
        start: [],
        stop: [
          { id: 't1', cause: 'service' },
          { id: 't2', cause: 'service' },
        ],
        eligible: 0,
        steady: false,
      },
    },
    {
      name: 'a DRAINING service with only stopping tasks left: nothing more to do',
      given: input({
        active: false,
        instances: [instance('a')],
        tasks: [task('t1', 'a', { desiredStatus: 'STOPPED' })],
      }),
      want: { start: [], stop: [], eligible: 0, steady: true },
    },
  ]
  for (const c of cases) t.same(decideDaemon(c.given), c.want, c.name)
  t.end()
})

const deployment = (
  id: string,
  status: StoredDeployment['status'],
  desiredCount: number,
): StoredDeployment => ({
  id,
  status,
  taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/d:1',
  desiredCount,
  failedTasks: 0,
  createdAt: 1,
  updatedAt: 1,
  launchType: 'EC2',
  rolloutState: 'IN_PROGRESS',
  rolloutStateReason: `ECS deployment ${id} in progress.`,
})

t.test('deployments follow the instances and the tasks', t => {
  const cases: {
    name: string
    given: {
      deployments: StoredDeployment[]
      tasks: ServiceTaskView[]
      eligible: number
      steady: boolean
    }
    want: { ids: string[]; desired: number[]; completed: boolean }
  }[] = [
    {
      name: 'the PRIMARY one wants every eligible instance',
      given: {
        deployments: [deployment(NEW, 'PRIMARY', 0)],
        tasks: [],
        eligible: 3,
        steady: false,
      },
      want: { ids: [NEW], desired: [3], completed: false },
    },
    {
      name: 'an older one wants the tasks it still runs',
      given: {
        deployments: [deployment(NEW, 'PRIMARY', 2), deployment(OLD, 'ACTIVE', 2)],
        tasks: [
          task('t1', 'a', { deployment: OLD }),
          task('t2', 'b', { deployment: OLD, desiredStatus: 'STOPPED' }),
        ],
        eligible: 2,
        steady: false,
      },
      want: { ids: [NEW, OLD], desired: [2, 1], completed: false },
    },
    {
      name: 'an older one without tasks leaves; alone and steady, the PRIMARY one completes',
      given: {
        deployments: [deployment(NEW, 'PRIMARY', 2), deployment(OLD, 'ACTIVE', 1)],
        tasks: [task('t1', 'a'), task('t2', 'b')],
        eligible: 2,
        steady: true,
      },
      want: { ids: [NEW], desired: [2], completed: true },
    },
  ]
  for (const c of cases) {
    const got = settleDeployments(
      c.given.deployments,
      c.given.tasks,
      c.given.eligible,
      c.given.steady,
      5,
    )
    t.same(
      {
        ids: got.deployments.map(d => d.id),
        desired: got.deployments.map(d => d.desiredCount),
        completed: got.completed,
      },
      c.want,
      c.name,
    )
  }
  const done = settleDeployments([deployment(NEW, 'PRIMARY', 1)], [task('t1', 'a')], 1, true, 5)
  t.match(done.deployments[0], {
    rolloutState: 'COMPLETED',
    rolloutStateReason: `ECS deployment ${NEW} completed.`,
    updatedAt: 5,
  })
  const failing = settleDeployments([deployment(NEW, 'PRIMARY', 1)], [], 1, false, 5, id =>
    id === NEW ? 3 : 0,
  )
  t.match(failing.deployments[0], { failedTasks: 3, updatedAt: 5 }, 'failedTasks as counted')
  const again = settleDeployments(done.deployments, [task('t1', 'a')], 1, true, 6)
  t.equal(again.completed, false, 'completes once')
  t.equal(again.deployments[0], done.deployments[0], 'an unchanged deployment is the same object')
  t.end()
})
