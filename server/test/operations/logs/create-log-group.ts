import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test('CreateLogGroup creates once; the name again is ResourceAlreadyExistsException', async t => {
  const server = await testServer(t)
  const first = await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'app/web' })
  t.same([first.status, first.body], [200, {}])
  const again = await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'app/web' })
  t.equal(again.status, 400)
  t.same(again.body, {
    __type: 'ResourceAlreadyExistsException',
    message: 'The specified log group already exists',
  })
  const bad = await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'no spaces' })
  t.equal(bad.status, 400)
  t.equal(bad.body['__type'], 'InvalidParameterException')
})
