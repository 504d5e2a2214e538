import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('CreateLogStream needs its group and a new name', async t => {
  const server = await testServer(t)
  const missing = await apiCall(server, 'logs', 'CreateLogStream', {
    logGroupName: 'g',
    logStreamName: 's',
  })
  t.same([missing.status, missing.body['__type']], [400, 'ResourceNotFoundException'])
  await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
  const made = await apiCall(server, 'logs', 'CreateLogStream', {
    logGroupName: 'g',
    logStreamName: 's',
  })
  t.same([made.status, made.body], [200, {}])
  const again = await apiCall(server, 'logs', 'CreateLogStream', {
    logGroupName: 'g',
    logStreamName: 's',
  })
  t.same([again.status, again.body['__type']], [400, 'ResourceAlreadyExistsException'])
})
