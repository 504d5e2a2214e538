import t from 'tap'
import { agentFrame, backoffDelay, parseServerFrame } from '../../src/channel/frames.js'

t.test('server frames: what the agent acts on, and nothing else', t => {
  const rows: [string, unknown][] = [
    [
      '{"type":"PayloadMessage","message":{"messageId":"m","tasks":[{"taskArn":"a"},3],"full":true}}',
      { type: 'PayloadMessage', messageId: 'm', tasks: [{ taskArn: 'a' }], full: true },
    ],
    [
      '{"type":"PayloadMessage","message":{"messageId":"m","tasks":[]}}',
      { type: 'PayloadMessage', messageId: 'm', tasks: [], full: false },
    ],
    ['{"type":"PayloadMessage","message":{"messageId":"m"}}', undefined],
    ['{"type":"PayloadMessage","message":{"tasks":[]}}', undefined],
    [
      '{"type":"HeartbeatMessage","message":{"messageId":"h","healthy":true}}',
      { type: 'HeartbeatMessage', messageId: 'h' },
    ],
    [
      '{"type":"HeartbeatAckRequest","message":{"messageId":"h"}}',
      { type: 'HeartbeatAckRequest', messageId: 'h' },
    ],
    ['{"type":"HeartbeatMessage","message":{}}', undefined],
    ['{"type":"ErrorMessage","message":{"message":"bad"}}', { type: 'ErrorMessage', text: 'bad' }],
    ['{"type":"Other","message":{}}', undefined],
    ['{"type":"PayloadMessage","message":[]}', undefined],
    ['[]', undefined],
    ['null', undefined],
    ['not json', undefined],
  ]
  for (const [text, frame] of rows) t.same(parseServerFrame(text), frame, text)
  t.end()
})

t.test('agent frames', t => {
  t.same(JSON.parse(agentFrame('AckRequest', 'm')), {
    type: 'AckRequest',
    message: { messageId: 'm' },
  })
  t.same(JSON.parse(agentFrame('HeartbeatMessage', 'h', true)), {
    type: 'HeartbeatMessage',
    message: { messageId: 'h', healthy: true },
  })
  t.end()
})

t.test('back-off doubles to a ceiling, with jitter between 0.5x and 1.5x', t => {
  const rows: [attempt: number, random: number, delay: number][] = [
    [0, 0.5, 100],
    [1, 0.5, 200],
    [3, 0.5, 800],
    [10, 0.5, 1000],
    [100, 0.5, 1000],
    [0, 0, 50],
    [0, 0.999, 150],
  ]
  for (const [attempt, random, delay] of rows)
    t.equal(
      backoffDelay(attempt, 100, 1000, () => random),
      delay,
      `attempt ${String(attempt)}`,
    )
  const d = backoffDelay(0, 100, 1000)
  t.ok(d >= 50 && d <= 150, 'Math.random by default')
  t.end()
})
