// The transition table of containerNextState, one commented row per case, in the manner of the
// ECS agent's TestContainerNextState.
import t from 'tap'
import { containerNextState } from '../../src/engine/next-state.js'
import type { ContainerStatus, DesiredStatus, HealthStatus } from '../../src/engine/status.js'
import type { ContainerState } from '../../src/engine/task-state.js'
import type { ContainerCondition } from '../../src/task-definition.js'
import { containerState, taskState } from '../fixtures/tasks.js'

type Want = [next: ContainerStatus, actionable: boolean]

t.test('every (known, desired) pair without dependencies', t => {
  const rows: [ContainerStatus, DesiredStatus, ...Want, string][] = [
    // on the way up, one step at a time: pull, create, start
    ['NONE', 'RUNNING', 'PULLED', true, 'a new container is pulled first'],
    ['PULLED', 'RUNNING', 'CREATED', true, 'a pulled container is created'],
    ['CREATED', 'RUNNING', 'RUNNING', true, 'a created container is started'],
    ['RUNNING', 'RUNNING', 'NONE', false, 'a running container is where it should be'],
    ['STOPPED', 'RUNNING', 'NONE', false, 'a stopped container is never restarted'],
    // on the way down, only a running container needs Docker to stop it
    ['NONE', 'STOPPED', 'STOPPED', false, 'never pulled: recorded as stopped, no call'],
    ['PULLED', 'STOPPED', 'STOPPED', false, 'pulled only: recorded as stopped, no call'],
    ['CREATED', 'STOPPED', 'STOPPED', false, 'created, never started: recorded as stopped'],
    ['RUNNING', 'STOPPED', 'STOPPED', true, 'running: Docker stop'],
    ['STOPPED', 'STOPPED', 'NONE', false, 'stopped: nothing left to do'],
  ]
  for (const [known, desired, next, actionable, why] of rows) {
    const container = containerState('app', { known, desired })
    const got = containerNextState(container, taskState([container]))
    t.same([got.next, got.actionable], [next, actionable], `${known} → ${desired}: ${why}`)
  }
  t.end()
})

t.test('a call in flight blocks every other transition', t => {
  for (const applied of ['PULLED', 'CREATED', 'RUNNING', 'STOPPED'] as const) {
    const container = containerState('app', { known: 'NONE', desired: 'STOPPED', applied })
    const got = containerNextState(container, taskState([container]))
    t.same([got.next, got.actionable], ['NONE', false])
    t.match(got.reason, `${applied} transition is in progress`)
  }
  t.end()
})

interface DepRow {
  readonly why: string
  readonly condition: ContainerCondition
  readonly known: ContainerStatus
  readonly dep: Partial<ContainerState> | undefined
  readonly want: Want
}

t.test('dependsOn conditions on the way up', t => {
  const exited = (
    exitCode: number,
    extra: Partial<ContainerState> = {},
  ): Partial<ContainerState> => ({
    known: 'STOPPED',
    exitCode,
    startedAt: new Date(0),
    ...extra,
  })
  const health = (
    h: HealthStatus,
    known: ContainerStatus = 'RUNNING',
  ): Partial<ContainerState> => ({
    known,
    hasHealthCheck: true,
    health: h,
  })
  const rows: DepRow[] = [
    // pulls never wait for a dependency
    {
      why: 'pull does not wait',
      condition: 'SUCCESS',
      known: 'NONE',
      dep: { known: 'NONE' },
      want: ['PULLED', true],
    },
    // START: create once the dependency exists, start once it runs
    {
      why: 'START: create waits for the dependency to be created',
      condition: 'START',
      known: 'PULLED',
      dep: { known: 'PULLED' },
      want: ['NONE', false],
    },
    {
      why: 'START: create once the dependency is created',
      condition: 'START',
      known: 'PULLED',
      dep: { known: 'CREATED' },
      want: ['CREATED', true],
    },
    {
      why: 'START: start waits for the dependency to run',
      condition: 'START',
      known: 'CREATED',
      dep: { known: 'CREATED' },
      want: ['NONE', false],
    },
    {
      why: 'START: start once the dependency runs',
      condition: 'START',
      known: 'CREATED',
      dep: { known: 'RUNNING', startedAt: new Date(0) },
      want: ['RUNNING', true],
    },
    {
      why: 'START: a dependency that ran and exited has started',
      condition: 'START',
      known: 'CREATED',
      dep: exited(0),
      want: ['RUNNING', true],
    },
    {
      why: 'START: a dependency that stopped without starting never will',
      condition: 'START',
      known: 'PULLED',
      dep: { known: 'STOPPED' },
      want: ['STOPPED', false],
    },
    // COMPLETE: any exit
    {
      why: 'COMPLETE: waits while the dependency runs',
      condition: 'COMPLETE',
      known: 'PULLED',
      dep: { known: 'RUNNING' },
      want: ['NONE', false],
    },
    {
      why: 'COMPLETE: proceeds after a failed exit too',
      condition: 'COMPLETE',
      known: 'PULLED',
      dep: exited(1),
      want: ['CREATED', true],
    },
    // SUCCESS: exit 0 only
    {
      why: 'SUCCESS: waits while the dependency runs',
      condition: 'SUCCESS',
      known: 'PULLED',
      dep: { known: 'RUNNING' },
      want: ['NONE', false],
    },
    {
      why: 'SUCCESS: create after exit 0',
      condition: 'SUCCESS',
      known: 'PULLED',
      dep: exited(0),
      want: ['CREATED', true],
    },
    {
      why: 'SUCCESS: start after exit 0',
      condition: 'SUCCESS',
      known: 'CREATED',
      dep: exited(0),
      want: ['RUNNING', true],
    },
    {
      why: 'SUCCESS: exit 1 can never satisfy it: give up',
      condition: 'SUCCESS',
      known: 'PULLED',
      dep: exited(1),
      want: ['STOPPED', false],
    },
    {
      why: 'SUCCESS: no exit code (failed pull) can never satisfy it',
      condition: 'SUCCESS',
      known: 'PULLED',
      dep: { known: 'STOPPED' },
      want: ['STOPPED', false],
    },
    // HEALTHY: Docker's health check must pass
    {
      why: 'HEALTHY: waits for the first check',
      condition: 'HEALTHY',
      known: 'PULLED',
      dep: health('UNKNOWN'),
      want: ['NONE', false],
    },
    {
      why: 'HEALTHY: waits through unhealthy results',
      condition: 'HEALTHY',
      known: 'PULLED',
      dep: health('UNHEALTHY'),
      want: ['NONE', false],
    },
    {
      why: 'HEALTHY: proceeds once healthy',
      condition: 'HEALTHY',
      known: 'CREATED',
      dep: health('HEALTHY'),
      want: ['RUNNING', true],
    },
    {
      why: 'HEALTHY: a dependency without a health check never becomes healthy',
      condition: 'HEALTHY',
      known: 'PULLED',
      dep: { known: 'RUNNING' },
      want: ['STOPPED', false],
    },
    {
      why: 'HEALTHY: a dependency that stopped unhealthy never will',
      condition: 'HEALTHY',
      known: 'PULLED',
      dep: health('UNHEALTHY', 'STOPPED'),
      want: ['STOPPED', false],
    },
    // the dependency must exist
    {
      why: 'a dependency the task lacks: give up',
      condition: 'START',
      known: 'PULLED',
      dep: undefined,
      want: ['STOPPED', false],
    },
  ]
  for (const row of rows) {
    const app = containerState('app', {
      known: row.known,
      dependsOn: [{ containerName: 'dep', condition: row.condition }],
    })
    const others = row.dep ? [containerState('dep', { essential: false, ...row.dep })] : []
    const got = containerNextState(app, taskState([app, ...others]))
    t.same([got.next, got.actionable], row.want, row.why)
    if (!row.want[1]) t.ok(got.reason, `${row.why}: a reason is given`)
  }
  t.end()
})

t.test('an impossible dependency is reported before one still worth waiting for', t => {
  const app = containerState('app', {
    known: 'PULLED',
    dependsOn: [
      { containerName: 'slow', condition: 'START' },
      { containerName: 'ghost', condition: 'START' },
    ],
  })
  const got = containerNextState(app, taskState([app, containerState('slow')]))
  t.same([got.next, got.actionable], ['STOPPED', false])
  t.match(got.reason, 'ghost')
  t.end()
})

t.test('shutdown runs in reverse dependency order', t => {
  const db = containerState('db', { known: 'RUNNING', desired: 'STOPPED' })
  const rows: [ContainerStatus, ...Want, string][] = [
    ['RUNNING', 'NONE', false, 'db waits while app, which depends on it, still runs'],
    ['CREATED', 'NONE', false, 'db waits until app is recorded stopped too'],
    ['STOPPED', 'STOPPED', true, 'db stops once app has stopped'],
  ]
  for (const [appKnown, next, actionable, why] of rows) {
    const app = containerState('app', {
      known: appKnown,
      desired: 'STOPPED',
      dependsOn: [{ containerName: 'db', condition: 'START' }],
    })
    const got = containerNextState(db, taskState([db, app]))
    t.same([got.next, got.actionable], [next, actionable], why)
  }
  t.end()
})

t.test("a dependency's startTimeout bounds COMPLETE, SUCCESS and HEALTHY waits", t => {
  // dep started at second 100 with startTimeout 10: the wait ends at second 110
  const at = (s: number) => new Date(s * 1000)
  const running: Partial<ContainerState> = {
    known: 'RUNNING',
    startedAt: at(100),
    startTimeout: 10,
    hasHealthCheck: true,
  }
  const rows: {
    why: string
    condition: ContainerCondition
    dep: Partial<ContainerState>
    now: number
    want: Want
  }[] = [
    {
      why: 'COMPLETE: before the deadline, wait',
      condition: 'COMPLETE',
      dep: running,
      now: 109,
      want: ['NONE', false],
    },
    {
      why: 'COMPLETE: at the deadline, give up',
      condition: 'COMPLETE',
      dep: running,
      now: 110,
      want: ['STOPPED', false],
    },
    {
      why: 'SUCCESS: past the deadline, give up',
      condition: 'SUCCESS',
      dep: running,
      now: 200,
      want: ['STOPPED', false],
    },
    {
      why: 'HEALTHY: past the deadline, give up',
      condition: 'HEALTHY',
      dep: running,
      now: 111,
      want: ['STOPPED', false],
    },
    {
      why: 'HEALTHY: met before the deadline passes stays met',
      condition: 'HEALTHY',
      dep: { ...running, health: 'HEALTHY' },
      now: 500,
      want: ['CREATED', true],
    },
    {
      why: 'SUCCESS: met (exit 0) after the deadline is still met',
      condition: 'SUCCESS',
      dep: { ...running, known: 'STOPPED', exitCode: 0 },
      now: 500,
      want: ['CREATED', true],
    },
    {
      why: 'START: never bounded',
      condition: 'START',
      dep: { ...running, known: 'PULLED' },
      now: 500,
      want: ['NONE', false],
    },
    {
      why: 'no startTimeout: wait for ever',
      condition: 'COMPLETE',
      dep: { ...running, startTimeout: undefined },
      now: 500,
      want: ['NONE', false],
    },
    {
      why: 'not started yet: the clock has not begun',
      condition: 'COMPLETE',
      dep: { ...running, known: 'CREATED', startedAt: undefined },
      now: 500,
      want: ['NONE', false],
    },
  ]
  for (const row of rows) {
    const app = containerState('app', {
      known: 'PULLED',
      dependsOn: [{ containerName: 'dep', condition: row.condition }],
    })
    const dep = containerState('dep', { essential: false, ...row.dep })
    const got = containerNextState(app, taskState([app, dep]), at(row.now))
    t.same([got.next, got.actionable], row.want, row.why)
    if (row.want[0] === 'STOPPED') t.match(got.reason, /not met within its startTimeout of 10 s/)
  }
  t.end()
})
