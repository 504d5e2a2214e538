import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('DescribeLogGroups by prefix, paged', async t => {
  const server = await testServer(t)
  for (const name of ['app/a', 'app/b', 'other'])
    await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: name })
  const page = await apiCall(server, 'logs', 'DescribeLogGroups', {
    logGroupNamePrefix: 'app/',
    limit: 1,
  })
  const groups = page.body['logGroups'] as { logGroupName: string; arn: string }[]
  t.same(
    groups.map(g => g.logGroupName),
    ['app/a'],
  )
  t.equal(groups[0]?.arn, 'arn:aws:logs:us-east-1:000000000000:log-group:app/a:*')
  const next = await apiCall(server, 'logs', 'DescribeLogGroups', {
    logGroupNamePrefix: 'app/',
    limit: 1,
    nextToken: page.body['nextToken'],
  })
  t.same(
    (next.body['logGroups'] as { logGroupName: string }[]).map(g => g.logGroupName),
    ['app/b'],
  )
  t.notOk('nextToken' in next.body)
})
