import t from 'tap'
import {
  afterStop,
  backoffDelayMs,
  DEFAULT_LAUNCH_BACKOFF_BASE_MS,
  DEFAULT_LAUNCH_BACKOFF_CAP_MS,
  earliestLaunch,
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

t.test('a stop before RUNNING counts; a task that was RUNNING clears the count', t => {
  const one = afterStop(undefined, false, 100)
  t.same(one, { failures: 1, lastFailureAt: 100 })
  const two = afterStop(one, false, 300)
  t.same(two, { failures: 2, lastFailureAt: 300 })
  t.equal(afterStop(two, true, 400), undefined)
  t.end()
})
