import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('PutLogEvents: stored, or refused in Logs shape', async t => {
  const server = await testServer(t)
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: 's' })
  const now = Date.now()
  const put = (body: Record<string, unknown>) => apiCall(server, 'logs', 'PutLogEvents', body)
  const ok = await put({
    logGroupName: 'g',
    logStreamName: 's',
    logEvents: [{ timestamp: now, message: 'hi' }],
  })
  t.equal(ok.status, 200)
  t.type(ok.body['nextSequenceToken'], 'string')
  const cases: { name: string; body: Record<string, unknown>; want: string }[] = [
    {
      name: 'unknown group',
      body: {
        logGroupName: 'nope',
        logStreamName: 's',
        logEvents: [{ timestamp: now, message: 'x' }],
      },
      want: 'ResourceNotFoundException',
    },
    {
      name: 'unknown stream',
      body: {
        logGroupName: 'g',
        logStreamName: 'nope',
        logEvents: [{ timestamp: now, message: 'x' }],
      },
      want: 'ResourceNotFoundException',
    },
    {
      name: 'out of order',
      body: {
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [
          { timestamp: now, message: 'b' },
          { timestamp: now - 1, message: 'a' },
        ],
      },
      want: 'InvalidParameterException',
    },
    {
      name: '10,001 events',
      body: {
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: Array.from({ length: 10_001 }, () => ({ timestamp: now, message: 'x' })),
      },
      want: 'InvalidParameterException',
    },
    {
      // refused by the HTTP layer before it is read whole, in Logs' ValidationException shape
      name: 'a body over 1 MiB',
      body: {
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: Array.from({ length: 5 }, () => ({
          timestamp: now,
          message: 'y'.repeat(210_000),
        })),
      },
      want: 'ValidationException',
    },
  ]
  for (const { name, body, want } of cases) {
    const answer = await put(body)
    t.equal(answer.status, 400, name)
    t.equal(answer.body['__type'], want, name)
    t.type(answer.body['message'], 'string', name)
  }
})
