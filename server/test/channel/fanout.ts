import t from 'tap'
import { encodeNotice, parseNotice } from '../../src/channel/fanout.js'
import type { TaskRecord } from '../../src/resources/tasks.js'

const record = {
  task: { taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef' },
  instanceId: 'fedcba9876543210fedcba9876543210',
} as unknown as TaskRecord

t.test('a notice names the task and its instance, and reads back', t => {
  const scope = { account: '000000000000', region: 'us-east-1' }
  const text = encodeNotice('replica-1', { scope, cluster: 'c', change: 'created', record })
  t.same(parseNotice(text), {
    origin: 'replica-1',
    account: '000000000000',
    region: 'us-east-1',
    cluster: 'c',
    instanceId: 'fedcba9876543210fedcba9876543210',
    taskId: '0123456789abcdef0123456789abcdef',
    change: 'created',
  })
  t.notOk(text.includes('taskArn'), 'ids only: the store holds the task')
  t.end()
})

const notNotices: [string, string][] = [
  ['not JSON', '{'],
  ['null', 'null'],
  ['a string', '"x"'],
  ['a missing id', JSON.stringify({ origin: 'o', account: 'a', region: 'r', change: 'created' })],
  [
    'an unknown change',
    JSON.stringify({
      origin: 'o',
      account: 'a',
      region: 'r',
      cluster: 'c',
      instanceId: 'i',
      taskId: 't',
      change: 'deleted',
    }),
  ],
]
for (const [name, text] of notNotices)
  t.test(`${name} is not a notice`, t => {
    t.equal(parseNotice(text), undefined)
    t.end()
  })
