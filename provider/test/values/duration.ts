/** Go-style durations of `timeouts` blocks, and their short rendering for messages. */
import t from 'tap'
import { formatDuration, parseDuration } from '../../src/values/duration.js'

t.test('parseDuration', t => {
  const cases: { given: string; want: number }[] = [
    { given: '20m', want: 20 * 60_000 },
    { given: '90s', want: 90_000 },
    { given: '1h30m', want: 90 * 60_000 },
    { given: '1.5h', want: 90 * 60_000 },
    { given: '500ms', want: 500 },
    { given: '2m3s', want: 123_000 },
    { given: '.5s', want: 500 },
    { given: '1500us', want: 1.5 },
    { given: '0', want: 0 },
  ]
  for (const { given, want } of cases) t.equal(parseDuration(given, []), want, given)
  t.end()
})

t.test('anything else is a bad value about the path', t => {
  for (const given of ['', '10', 'soon', '-1m', '+1m', '1d', '1h30', 'm', '1 m', '20M']) {
    t.throws(
      () => parseDuration(given, ['timeouts', 'create']),
      { code: 'QS_PROVIDER_BAD_VALUE', path: ['timeouts', 'create'], message: /not a duration/ },
      JSON.stringify(given),
    )
  }
  t.end()
})

t.test('formatDuration', t => {
  const cases: { given: number; want: string }[] = [
    { given: 20 * 60_000, want: '20m' },
    { given: 90 * 60_000, want: '1h30m' },
    { given: 3_600_000, want: '1h' },
    { given: 2500, want: '2.5s' },
    { given: 123_000, want: '2m3s' },
    { given: 250, want: '250ms' },
  ]
  for (const { given, want } of cases) t.equal(formatDuration(given), want, String(given))
  t.end()
})
