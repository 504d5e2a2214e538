import t from 'tap'
import { encodeFrame, parseAgentFrame, parseServerFrame } from '../../src/agent-protocol/index.js'

t.test('LogEventsMessage reads back; bad events are left out and counted', t => {
  const text = JSON.stringify({
    type: 'LogEventsMessage',
    message: {
      messageId: 'm1',
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/1',
      containerName: 'web',
      runtimeId: 'abc',
      options: { 'awslogs-group': 'g', bad: 1 },
      events: [{ timestamp: 1, message: 'a' }, { timestamp: 'x', message: 'b' }, null],
      dropped: 2,
    },
  })
  t.same(parseAgentFrame(text), {
    type: 'LogEventsMessage',
    message: {
      messageId: 'm1',
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/1',
      containerName: 'web',
      runtimeId: 'abc',
      options: { 'awslogs-group': 'g' },
      events: [{ timestamp: 1, message: 'a' }],
      dropped: 4,
    },
  })
  const clean = encodeFrame({
    type: 'LogEventsMessage',
    message: {
      messageId: 'm2',
      taskArn: 't',
      containerName: 'c',
      runtimeId: '',
      options: {},
      events: [],
    },
  })
  t.same(parseAgentFrame(clean), {
    type: 'LogEventsMessage',
    message: {
      messageId: 'm2',
      taskArn: 't',
      containerName: 'c',
      runtimeId: '',
      options: {},
      events: [],
    },
  })
  t.end()
})

const broken = [
  { taskArn: '', containerName: 'c', runtimeId: 'r', options: {}, events: [] },
  { taskArn: 't', containerName: 'c', runtimeId: 1, options: {}, events: [] },
  { taskArn: 't', containerName: 'c', runtimeId: 'r', options: [], events: [] },
  { taskArn: 't', containerName: 'c', runtimeId: 'r', options: {}, events: {} },
]
for (const message of broken)
  t.test(`not a LogEventsMessage: ${JSON.stringify(message)}`, t => {
    t.equal(
      parseAgentFrame(
        JSON.stringify({ type: 'LogEventsMessage', message: { messageId: 'm', ...message } }),
      ),
      undefined,
    )
    t.end()
  })

t.test('LogEventsAck, with or without its error', t => {
  t.same(parseServerFrame(encodeFrame({ type: 'LogEventsAck', message: { messageId: 'm' } })), {
    type: 'LogEventsAck',
    message: { messageId: 'm' },
  })
  t.same(
    parseServerFrame(
      JSON.stringify({ type: 'LogEventsAck', message: { messageId: 'm', error: 'E: x' } }),
    ),
    { type: 'LogEventsAck', message: { messageId: 'm', error: 'E: x' } },
  )
  t.equal(
    parseServerFrame(JSON.stringify({ type: 'LogEventsAck', message: { messageId: '' } })),
    undefined,
  )
  t.end()
})
