import t from 'tap'
import { getEventsPage, type GetEventsQuery } from '../../src/logs/get-events-page.js'
import type { StoredEvent } from '../../src/logs/limits.js'

const events: StoredEvent[] = [0, 1, 2, 3, 4].map(seq => ({
  seq,
  timestamp: 1000 + seq,
  message: `line ${String(seq)}`,
  ingestionTime: 2000,
}))

const cases: {
  name: string
  given: GetEventsQuery
  want: { seqs: number[]; f: string; b: string }
}[] = [
  { name: 'newest by default', given: { limit: 2 }, want: { seqs: [3, 4], f: 'f/5', b: 'b/3' } },
  {
    name: 'from the head',
    given: { limit: 2, startFromHead: true },
    want: { seqs: [0, 1], f: 'f/2', b: 'b/0' },
  },
  {
    name: 'forward token',
    given: { limit: 2, nextToken: 'f/2' },
    want: { seqs: [2, 3], f: 'f/4', b: 'b/2' },
  },
  {
    name: 'backward token',
    given: { limit: 2, nextToken: 'b/3' },
    want: { seqs: [1, 2], f: 'f/3', b: 'b/1' },
  },
  {
    name: 'the end gives the same token back',
    given: { nextToken: 'f/5' },
    want: { seqs: [], f: 'f/5', b: 'f/5' },
  },
  {
    name: 'the start gives the same token back',
    given: { nextToken: 'b/0' },
    want: { seqs: [], f: 'b/0', b: 'b/0' },
  },
  {
    name: 'time window',
    given: { startTime: 1001, endTime: 1003, startFromHead: true },
    want: { seqs: [1, 2], f: 'f/3', b: 'b/1' },
  },
]

for (const { name, given, want } of cases)
  t.test(name, t => {
    const page = getEventsPage(events, 5, given)
    t.same(
      page.events.map(e => e.seq),
      want.seqs,
    )
    t.equal(page.nextForwardToken, want.f)
    t.equal(page.nextBackwardToken, want.b)
    t.end()
  })

t.test('a bad token or limit is InvalidParameterException', t => {
  t.throws(() => getEventsPage(events, 5, { nextToken: 'x/1' }), {
    name: 'ServiceError',
    shapeName: 'InvalidParameterException',
  })
  t.throws(() => getEventsPage(events, 5, { limit: 0 }), {
    name: 'ServiceError',
    shapeName: 'InvalidParameterException',
  })
  t.end()
})
