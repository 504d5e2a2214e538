import t from 'tap'
import { newTaskId } from '../src/arn.js'

t.test('task ids: 32 hex digits, the creation time first, so later ids sort after', t => {
  const early = newTaskId(0x0123_4567_89ab)
  t.match(early, /^0123456789ab[0-9a-f]{20}$/)
  t.not(newTaskId(0x0123_4567_89ab), early, 'the random part tells apart ids of one millisecond')
  const now = newTaskId()
  t.match(now, /^[0-9a-f]{32}$/)
  t.ok(early < now)
  const later = newTaskId(Date.now() + 1000)
  t.ok(now < later)
  t.end()
})
