import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('DescribeLogStreams by name prefix or by last event time', async t => {
  const server = await testServer(t)
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  const now = Date.now()
  for (const [name, at] of [
    ['web/a', 2],
    ['web/b', 1],
    ['db/c', 3],
  ] as const) {
    await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: name })
    await apiCall(server, 'logs', 'PutLogEvents', {
      logGroupName: 'g',
      logStreamName: name,
      logEvents: [{ timestamp: now + at, message: name }],
    })
  }
  const names = async (body: Record<string, unknown>) =>
    (
      (await apiCall(server, 'logs', 'DescribeLogStreams', { logGroupName: 'g', ...body })).body[
        'logStreams'
      ] as { logStreamName: string }[]
    ).map(s => s.logStreamName)
  t.same(await names({ logStreamNamePrefix: 'web/' }), ['web/a', 'web/b'])
  t.same(await names({ orderBy: 'LastEventTime', descending: true }), ['db/c', 'web/a', 'web/b'])
  const both = await apiCall(server, 'logs', 'DescribeLogStreams', {
    logGroupName: 'g',
    orderBy: 'LastEventTime',
    logStreamNamePrefix: 'w',
  })
  t.same([both.status, both.body['__type']], [400, 'InvalidParameterException'])
})
