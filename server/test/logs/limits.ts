import t from 'tap'
import {
  checkBatch,
  checkGroupName,
  checkStreamName,
  checkRetention,
  dropOldest,
  MAX_BATCH_SPAN_MS,
  type InputEvent,
  type StoredEvent,
} from '../../src/logs/limits.js'

const event = (timestamp: number, message = 'x'): InputEvent => ({ timestamp, message })

const bad: { name: string; given: InputEvent[] }[] = [
  { name: 'empty', given: [] },
  { name: '10,001 events', given: Array.from({ length: 10_001 }, () => event(1)) },
  {
    name: 'over 1 MiB with 26 bytes each',
    given: Array.from({ length: 5 }, () => event(1, 'y'.repeat(210_000))),
  },
  { name: 'out of order', given: [event(2), event(1)] },
  { name: 'over 24 hours', given: [event(0), event(MAX_BATCH_SPAN_MS + 1)] },
  { name: 'one event over 256 KiB', given: [event(1, 'z'.repeat(262_144))] },
]
for (const { name, given } of bad)
  t.test(`refused: ${name}`, t => {
    t.throws(
      () => {
        checkBatch(given)
      },
      { name: 'ServiceError', shapeName: 'InvalidParameterException' },
    )
    t.end()
  })

t.test('accepted: 10,000 events in order within 24 hours', t => {
  t.doesNotThrow(() => {
    checkBatch(Array.from({ length: 10_000 }, (_, i) => event(i)))
  })
  t.end()
})

t.test('retention days from the allowed set', t => {
  t.doesNotThrow(() => {
    checkRetention(14)
  })
  t.throws(
    () => {
      checkRetention(2)
    },
    { name: 'ServiceError', shapeName: 'InvalidParameterException' },
  )
  t.end()
})

t.test('dropOldest drops from the front until enough bytes are gone', t => {
  const events: StoredEvent[] = [0, 1, 2].map(seq => ({
    seq,
    timestamp: seq,
    message: 'abcd',
    ingestionTime: 0,
  }))
  const trimmed = dropOldest(events, 31) // 30 bytes each (4 + 26)
  t.same(
    trimmed.kept.map(e => e.seq),
    [2],
  )
  t.equal(trimmed.droppedEvents, 2)
  t.equal(trimmed.droppedBytes, 60)
  t.end()
})

t.test('group and stream names', t => {
  for (const good of ['app', '/ecs/web', 'a.b-c_d#1'])
    t.doesNotThrow(() => {
      checkGroupName(good)
    }, good)
  for (const bad of ['', 'has space', 'a:b', 'x'.repeat(513)])
    t.throws(
      () => {
        checkGroupName(bad)
      },
      { name: 'ServiceError', shapeName: 'InvalidParameterException' },
      bad,
    )
  t.doesNotThrow(() => {
    checkStreamName('web/web/0123')
  })
  for (const bad of ['', 'a:b', 'a*'])
    t.throws(
      () => {
        checkStreamName(bad)
      },
      { name: 'ServiceError', shapeName: 'InvalidParameterException' },
      bad,
    )
  t.end()
})
