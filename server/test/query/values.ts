import t from 'tap'
import {
  compareTimes,
  compareVersions,
  parseCount,
  parseQueryTime,
  parseVersion,
} from '../../src/query/values.js'

t.test('versions', t => {
  const cases: [string, { given: [string, string]; want: number }][] = [
    ['equal', { given: ['1.14.5', '1.14.5'], want: 0 }],
    ['numeric parts', { given: ['1.14.5', '1.9.9'], want: 1 }],
    ['missing parts are zero', { given: ['1.2', '1.2.0'], want: 0 }],
    ['shorter is lower', { given: ['1.2', '1.2.1'], want: -1 }],
  ]
  for (const [name, { given, want }] of cases) {
    t.equal(compareVersions(parseVersion(given[0])!, parseVersion(given[1])!), want, name)
  }
  t.equal(parseVersion('v1.2'), undefined)
  t.equal(parseVersion('1..2'), undefined)
  t.end()
})

t.test('query times', t => {
  const cases: [
    string,
    { given: string; want: { time: number; precision: 'day' | 'second' } | undefined },
  ][] = [
    ['date', { given: '2018-06-18', want: { time: Date.UTC(2018, 5, 18), precision: 'day' } }],
    [
      'Z',
      {
        given: '2018-06-18T22:28:28Z',
        want: { time: Date.UTC(2018, 5, 18, 22, 28, 28), precision: 'second' },
      },
    ],
    [
      'no zone',
      {
        given: '2018-06-18T22:28:28',
        want: { time: Date.UTC(2018, 5, 18, 22, 28, 28), precision: 'second' },
      },
    ],
    [
      '+00:00',
      {
        given: '2018-06-18T22:28:28+00:00',
        want: { time: Date.UTC(2018, 5, 18, 22, 28, 28), precision: 'second' },
      },
    ],
    [
      '+05:30',
      {
        given: '2018-06-18T22:28:28+05:30',
        want: { time: Date.UTC(2018, 5, 18, 16, 58, 28), precision: 'second' },
      },
    ],
    [
      '-04:00',
      {
        given: '2018-06-18T22:28:28-04:00',
        want: { time: Date.UTC(2018, 5, 19, 2, 28, 28), precision: 'second' },
      },
    ],
    ['zone minutes out of range', { given: '2018-06-18T22:28:28+01:60', want: undefined }],
    ['second 60', { given: '2018-06-18T22:28:60Z', want: undefined }],
    ['minute 60', { given: '2018-06-18T22:60:00Z', want: undefined }],
    ['day 0', { given: '2018-06-00', want: undefined }],
    ['year 0000 maps elsewhere', { given: '0000-01-01', want: undefined }],
    ['fractional seconds', { given: '2018-06-18T22:28:28.5Z', want: undefined }],
    ['space separator', { given: '2018-06-18 22:28:28', want: undefined }],
  ]
  for (const [name, { given, want }] of cases) t.same(parseQueryTime(given), want, name)
  t.end()
})

t.test('times compare at the query precision', t => {
  const instant = Date.UTC(2018, 5, 18, 22, 28, 28, 500)
  t.equal(compareTimes(instant, parseQueryTime('2018-06-18')!), 0, 'same day')
  t.equal(compareTimes(instant, parseQueryTime('2018-06-19')!), -1, 'before the next day')
  t.equal(compareTimes(instant, parseQueryTime('2018-06-18T22:28:28Z')!), 0, 'same second')
  t.equal(
    compareTimes(instant, parseQueryTime('2018-06-18T22:28:27Z')!),
    1,
    'after the second before',
  )
  t.end()
})

t.test('counts', t => {
  t.equal(parseCount('0'), 0)
  t.equal(parseCount('42'), 42)
  t.equal(parseCount('4.2'), undefined)
  t.equal(parseCount('9'.repeat(16)), undefined, 'beyond safe integers')
  t.end()
})
