import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('GetLogEvents pages forward and gives the same token back at the end', async t => {
  const server = await testServer(t)
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: 's' })
  const now = Date.now()
  await apiCall(server, 'logs', 'PutLogEvents', {
    logGroupName: 'g',
    logStreamName: 's',
    logEvents: ['a', 'b', 'c'].map((message, i) => ({ timestamp: now + i, message })),
  })
  const get = (body: Record<string, unknown>) =>
    apiCall(server, 'logs', 'GetLogEvents', { logGroupName: 'g', logStreamName: 's', ...body })
  const first = await get({ startFromHead: true, limit: 2 })
  t.same(
    (first.body['events'] as { message: string }[]).map(e => e.message),
    ['a', 'b'],
  )
  const second = await get({ nextToken: first.body['nextForwardToken'] })
  t.same(
    (second.body['events'] as { message: string }[]).map(e => e.message),
    ['c'],
  )
  const end = await get({ nextToken: second.body['nextForwardToken'] })
  t.same(end.body['events'], [])
  t.equal(end.body['nextForwardToken'], second.body['nextForwardToken'])
  const newest = await get({ limit: 1 })
  t.same(
    (newest.body['events'] as { message: string }[]).map(e => e.message),
    ['c'],
  )
  const missing = await apiCall(server, 'logs', 'GetLogEvents', {
    logGroupName: 'nope',
    logStreamName: 's',
  })
  t.same([missing.status, missing.body['__type']], [400, 'ResourceNotFoundException'])
})
