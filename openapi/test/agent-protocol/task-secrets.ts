// The task secrets frames through the codec: a request names a task; an answer holds the
// containers' values (malformed entries left out) or a reason, never both.
import t from 'tap'
import { encodeFrame, parseAgentFrame, parseServerFrame } from '../../src/agent-protocol/codec.js'

t.test('TaskSecretsRequest', t => {
  const request = {
    type: 'TaskSecretsRequest',
    message: { messageId: 'm1', taskArn: 'arn:t' },
  } as const
  t.same(parseAgentFrame(encodeFrame(request)), request)
  t.equal(
    parseAgentFrame(JSON.stringify({ type: 'TaskSecretsRequest', message: { messageId: 'm1' } })),
    undefined,
  )
  t.equal(parseServerFrame(encodeFrame(request)), undefined, 'not a server frame')
  t.end()
})

t.test('TaskSecretsMessage', t => {
  const frame = (message: object) => JSON.stringify({ type: 'TaskSecretsMessage', message })
  const cases = [
    {
      given: {
        messageId: 'm1',
        taskArn: 'arn:t',
        containers: [
          {
            containerName: 'app',
            environment: [{ name: 'A', value: 'v' }, { name: '', value: 'x' }, { name: 'B' }, 7],
            registryAuth: { username: 'u', password: 'p' },
          },
          { containerName: 'side', registryAuth: { username: 'u' } },
          { environment: [] },
          'junk',
        ],
      },
      want: {
        messageId: 'm1',
        taskArn: 'arn:t',
        containers: [
          {
            containerName: 'app',
            environment: [{ name: 'A', value: 'v' }],
            registryAuth: { username: 'u', password: 'p' },
          },
          { containerName: 'side', environment: [] },
        ],
      },
    },
    {
      given: {
        messageId: 'm2',
        taskArn: 'arn:t',
        reason: 'ResourceInitializationError: x',
        containers: [],
      },
      want: { messageId: 'm2', taskArn: 'arn:t', reason: 'ResourceInitializationError: x' },
    },
    {
      given: { messageId: 'm3', taskArn: 'arn:t' },
      want: { messageId: 'm3', taskArn: 'arn:t', reason: 'no secrets' },
    },
  ]
  for (const { given, want } of cases)
    t.same(
      parseServerFrame(frame(given)),
      { type: 'TaskSecretsMessage', message: want },
      given.messageId,
    )
  t.equal(parseServerFrame(frame({ messageId: 'm4' })), undefined, 'no task')
  t.equal(parseServerFrame(frame({ taskArn: 'arn:t', containers: [] })), undefined, 'no messageId')
  t.end()
})
