/** A resource's timeouts block: durations, defaults, and validation errors by path. */
import t from 'tap'
import { DEFAULT_TIMEOUT_MS, timeoutErrors, timeoutOf } from '../../src/resources/timeouts.js'
import { UNKNOWN } from '../../src/values/types.js'

t.test('timeoutOf', t => {
  const cases: {
    given: Record<string, unknown>
    kind: 'create' | 'update' | 'delete'
    want: number
  }[] = [
    { given: {}, kind: 'create', want: DEFAULT_TIMEOUT_MS },
    { given: { timeouts: null }, kind: 'delete', want: DEFAULT_TIMEOUT_MS },
    {
      given: { timeouts: { create: '5m', update: null } },
      kind: 'update',
      want: DEFAULT_TIMEOUT_MS,
    },
    { given: { timeouts: { create: '5m' } }, kind: 'create', want: 300_000 },
    { given: { timeouts: { delete: '45s' } }, kind: 'delete', want: 45_000 },
    { given: { timeouts: { create: UNKNOWN } }, kind: 'create', want: DEFAULT_TIMEOUT_MS },
  ]
  for (const { given, kind, want } of cases) {
    t.equal(timeoutOf(given as never, kind), want, `${kind} of ${JSON.stringify(given)}`)
  }
  t.equal(DEFAULT_TIMEOUT_MS, 20 * 60_000, "twenty minutes, as aws_ecs_service's")
  t.end()
})

t.test('timeoutErrors names each bad duration', t => {
  t.same(timeoutErrors({ timeouts: { create: '1m', update: '2m', delete: '3m' } }), [])
  t.same(
    timeoutErrors({ timeouts: { create: 'x', update: '2m', delete: '1y' } }).map(e => e.path),
    [
      ['timeouts', 'create'],
      ['timeouts', 'delete'],
    ],
  )
  t.end()
})
