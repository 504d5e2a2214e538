import t from 'tap'
import {
  addEvent,
  EVENTS_KEPT,
  startedMessage,
  steadyMessage,
  stoppedMessage,
  unplacedMessage,
} from '../../src/services/service-events.js'

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/svc/${id}`
const instance = (id: string) => `arn:aws:ecs:us-east-1:000000000000:container-instance/svc/${id}`
const HELP =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.'

t.test("messages in ECS's wording", t => {
  const cases: { got: string; want: string }[] = [
    {
      got: startedMessage('web', [arn('aaa'), arn('bbb')]),
      want: '(service web) has started 2 tasks: (task aaa) (task bbb).',
    },
    {
      got: stoppedMessage('web', [arn('aaa')]),
      want: '(service web) has stopped 1 running tasks: (task aaa).',
    },
    { got: steadyMessage('web'), want: '(service web) has reached a steady state.' },
    {
      got: unplacedMessage('web', [
        { arn: instance('i1'), reason: 'AGENT' },
        { arn: instance('i2'), reason: 'RESOURCE:MEMORY' },
      ]),
      want: `(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance i2) has insufficient memory available. ${HELP}`,
    },
    {
      got: unplacedMessage('web', [{ arn: instance('i1'), reason: 'RESOURCE:CPU' }]),
      want: `(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance i1) has insufficient CPU units available. ${HELP}`,
    },
    {
      got: unplacedMessage('web', [{ arn: instance('i1'), reason: 'AGENT' }]),
      want: `(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance i1) encountered error "AGENT". ${HELP}`,
    },
  ]
  for (const c of cases) t.equal(c.got, c.want)
  t.end()
})

t.test('newest first, duplicates of the newest suppressed for six hours, 100 kept', t => {
  let events = addEvent([], 'one', 1000, 'e1')
  events = addEvent(events, 'two', 1001, 'e2')
  t.same(
    events.map(e => e.message),
    ['two', 'one'],
  )
  t.equal(addEvent(events, 'two', 1002, 'e3').length, 2, 'a repeat of the newest is dropped')
  t.equal(addEvent(events, 'one', 1002, 'e3').length, 3, 'a repeat of an older one is kept')
  t.equal(addEvent(events, 'two', 1001 + 6 * 3600, 'e3').length, 3, 'six hours later it is new')
  for (let i = 0; i < 150; i++)
    events = addEvent(events, `m${String(i)}`, 2000 + i, `x${String(i)}`)
  t.equal(events.length, EVENTS_KEPT)
  t.equal(events[0]?.message, 'm149')
  t.end()
})
