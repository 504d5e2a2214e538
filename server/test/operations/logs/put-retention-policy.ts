import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('PutRetentionPolicy takes the allowed days, and old events then read as gone', async t => {
  const server = await testServer(t)
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: 's' })
  const now = Date.now()
  // two batches: one batch may span at most 24 hours
  for (const [timestamp, message] of [
    [now - 2 * 86_400_000, 'old'],
    [now, 'new'],
  ] as const)
    await apiCall(server, 'logs', 'PutLogEvents', {
      logGroupName: 'g',
      logStreamName: 's',
      logEvents: [{ timestamp, message }],
    })
  const bad = await apiCall(server, 'logs', 'PutRetentionPolicy', {
    logGroupName: 'g',
    retentionInDays: 2,
  })
  t.same([bad.status, bad.body['__type']], [400, 'InvalidParameterException'])
  const ok = await apiCall(server, 'logs', 'PutRetentionPolicy', {
    logGroupName: 'g',
    retentionInDays: 1,
  })
  t.same([ok.status, ok.body], [200, {}])
  const groups = await apiCall(server, 'logs', 'DescribeLogGroups', {})
  t.match(groups.body['logGroups'], [{ logGroupName: 'g', retentionInDays: 1 }])
  const events = await apiCall(server, 'logs', 'GetLogEvents', {
    logGroupName: 'g',
    logStreamName: 's',
    startFromHead: true,
  })
  t.same(
    (events.body['events'] as { message: string }[]).map(e => e.message),
    ['new'],
  )
})
