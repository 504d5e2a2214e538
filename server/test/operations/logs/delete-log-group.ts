import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('DeleteLogGroup removes the group; a second time is ResourceNotFoundException', async t => {
  const server = await testServer(t)
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: 's' })
  const gone = await apiCall(server, 'logs', 'DeleteLogGroup', { logGroupName: 'g' })
  t.same([gone.status, gone.body], [200, {}])
  const streams = await apiCall(server, 'logs', 'DescribeLogStreams', { logGroupName: 'g' })
  t.equal(streams.body['__type'], 'ResourceNotFoundException')
  const again = await apiCall(server, 'logs', 'DeleteLogGroup', { logGroupName: 'g' })
  t.same([again.status, again.body['__type']], [400, 'ResourceNotFoundException'])
})
