import t from 'tap'
import {
  HEALTHY_AFTER_RUNNING_S,
  schedulerHealth,
  taskHealthStatus,
  type HealthInput,
  type SchedulerHealth,
} from '../../src/services/health.js'

t.test("a task's healthStatus from its essential containers with health checks", t => {
  const rows: {
    given: [string, 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'][]
    checked: string[]
    want: string
  }[] = [
    { given: [['a', 'HEALTHY']], checked: [], want: 'UNKNOWN' },
    { given: [['a', 'HEALTHY']], checked: ['a'], want: 'HEALTHY' },
    {
      given: [
        ['a', 'HEALTHY'],
        ['b', 'UNKNOWN'],
      ],
      checked: ['a', 'b'],
      want: 'UNKNOWN',
    },
    {
      given: [
        ['a', 'UNKNOWN'],
        ['b', 'UNHEALTHY'],
      ],
      checked: ['a', 'b'],
      want: 'UNHEALTHY',
    },
    {
      given: [
        ['a', 'HEALTHY'],
        ['b', 'UNHEALTHY'],
      ],
      checked: ['a'],
      want: 'HEALTHY',
    },
  ]
  for (const { given, checked, want } of rows)
    t.equal(
      taskHealthStatus(
        given.map(([name, healthStatus]) => ({ name, healthStatus })),
        checked,
      ),
      want,
      JSON.stringify({ given, checked }),
    )
  t.end()
})

const base: HealthInput = {
  lastStatus: 'RUNNING',
  startedAt: 1000,
  healthStatus: 'UNKNOWN',
  healthChecked: false,
  gracePeriodSeconds: 0,
  now: 1000,
}

t.test('how the scheduler counts a task', t => {
  const rows: { name: string; given: Partial<HealthInput>; want: SchedulerHealth }[] = [
    { name: 'PENDING', given: { lastStatus: 'PENDING', startedAt: undefined }, want: 'STARTING' },
    { name: 'RUNNING without a start time', given: { startedAt: undefined }, want: 'STARTING' },
    { name: 'no checks, RUNNING 39 s', given: { now: 1039 }, want: 'STARTING' },
    {
      name: 'no checks, RUNNING 40 s',
      given: { now: 1000 + HEALTHY_AFTER_RUNNING_S },
      want: 'HEALTHY',
    },
    {
      name: 'no checks: a container UNHEALTHY without a definition check is not counted',
      given: { now: 2000, healthStatus: 'UNKNOWN' },
      want: 'HEALTHY',
    },
    {
      name: 'checks HEALTHY at once',
      given: { healthChecked: true, healthStatus: 'HEALTHY' },
      want: 'HEALTHY',
    },
    { name: 'checks UNKNOWN', given: { healthChecked: true, now: 5000 }, want: 'STARTING' },
    {
      name: 'checks UNHEALTHY, no grace period',
      given: { healthChecked: true, healthStatus: 'UNHEALTHY', now: 1001 },
      want: 'UNHEALTHY',
    },
    {
      name: 'checks UNHEALTHY inside the grace period: ignored',
      given: {
        healthChecked: true,
        healthStatus: 'UNHEALTHY',
        gracePeriodSeconds: 60,
        now: 1059,
      },
      want: 'STARTING',
    },
    {
      name: 'checks UNHEALTHY once the grace period is over',
      given: {
        healthChecked: true,
        healthStatus: 'UNHEALTHY',
        gracePeriodSeconds: 60,
        now: 1060,
      },
      want: 'UNHEALTHY',
    },
    {
      name: 'checks HEALTHY inside the grace period: counted',
      given: { healthChecked: true, healthStatus: 'HEALTHY', gracePeriodSeconds: 60 },
      want: 'HEALTHY',
    },
    { name: 'STOPPED', given: { lastStatus: 'STOPPED', now: 5000 }, want: 'STARTING' },
  ]
  for (const { name, given, want } of rows)
    t.equal(schedulerHealth({ ...base, ...given }), want, name)
  t.end()
})
