import t from 'tap'
import {
  backoffDelayMs,
  DEFAULT_LAUNCH_BACKOFF_BASE_MS,
  DEFAULT_LAUNCH_BACKOFF_CAP_MS,
  earliestLaunch,
  failedStarts,
  type LaunchBackoffState,
  type StartOutcome,
} from '../../src/services/launch-backoff.js'

const DEFAULTS = { baseMs: DEFAULT_LAUNCH_BACKOFF_BASE_MS, capMs: DEFAULT_LAUNCH_BACKOFF_CAP_MS }

t.test('the gap doubles per consecutive failure, capped at 15 minutes', t => {
  const cases: { failures: number; want: number }[] = [
    { failures: 0, want: 0 },
    { failures: 1, want: 10_000 },
    { failures: 2, want: 20_000 },
    { failures: 3, want: 40_000 },
    { failures: 7, want: 640_000 },
    { failures: 8, want: 900_000 },
    { failures: 1000, want: 900_000 },
  ]
  for (const c of cases)
    t.equal(backoffDelayMs(c.failures, DEFAULTS), c.want, `${String(c.failures)} failures`)
  t.end()
})

t.test('earliest launch: the last failure plus the gap; none without failures', t => {
  const cases: {
    name: string
    state: { failures: number; lastFailureAt: number } | undefined
    want: number
  }[] = [
    { name: 'no state', state: undefined, want: 0 },
    { name: 'one failure', state: { failures: 1, lastFailureAt: 5000 }, want: 15_000 },
    { name: 'three failures', state: { failures: 3, lastFailureAt: 5000 }, want: 45_000 },
  ]
  for (const c of cases) t.equal(earliestLaunch(c.state, DEFAULTS), c.want, c.name)
  t.equal(earliestLaunch({ failures: 2, lastFailureAt: 0 }, { baseMs: 50, capMs: 75 }), 75, 'cap')
  t.end()
})

/** A task of deployment `d1` that stopped at `stoppedAt` (epoch s) without being RUNNING. */
const failed = (stoppedAt: number, over: Partial<StartOutcome> = {}): StartOutcome => ({
  deployment: 'd1',
  lastStatus: 'STOPPED',
  stoppedAt,
  stopCode: 'EssentialContainerExited',
  ...over,
})

t.test('failed starts come from the stored tasks of the deployment', t => {
  const cases: { name: string; given: StartOutcome[]; want: LaunchBackoffState | undefined }[] = [
    { name: 'no tasks', given: [], want: undefined },
    {
      name: 'two stops before RUNNING',
      given: [failed(1), failed(3)],
      want: { failures: 2, lastFailureAt: 3000 },
    },
    {
      name: 'a task RUNNING after them clears them',
      given: [failed(1), failed(3), { deployment: 'd1', lastStatus: 'RUNNING', startedAt: 4 }],
      want: undefined,
    },
    {
      name: 'only the failures after the last start count',
      given: [
        failed(1),
        { deployment: 'd1', lastStatus: 'STOPPED', startedAt: 2, stoppedAt: 5 },
        failed(6),
      ],
      want: { failures: 1, lastFailureAt: 6000 },
    },
    {
      name: 'stopped on purpose (StopTask, the scheduler) is no failure',
      given: [
        failed(1, { stopCode: 'UserInitiated' }),
        failed(2, { stopCode: 'ServiceSchedulerInitiated' }),
      ],
      want: undefined,
    },
    {
      name: 'tasks not stopped yet and other deployments do not count',
      given: [failed(1, { deployment: 'd0' }), { deployment: 'd1', lastStatus: 'PENDING' }],
      want: undefined,
    },
  ]
  for (const c of cases) t.same(failedStarts(c.given, 'd1'), c.want, c.name)
  t.end()
})
