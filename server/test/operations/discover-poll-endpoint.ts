/**
 * DiscoverPollEndpoint over the wire: it names the address the agent used (its Host header), or
 * `advertiseUrl` when the server has one, never the server's bind address.
 */
import t from 'tap'
import { rawCall, testServer } from '../fixtures/server.js'

const endpointOf = (body: Record<string, unknown>) => ({
  endpoint: body['endpoint'],
  telemetryEndpoint: body['telemetryEndpoint'],
  serviceConnectEndpoint: body['serviceConnectEndpoint'],
})

t.test('names the address the agent reached the server at', async t => {
  const server = await testServer(t)
  await rawCall(server, 'CreateCluster', {})
  const plain = await rawCall(server, 'DiscoverPollEndpoint', {})
  t.equal(plain.status, 200)
  t.equal(plain.body['endpoint'], `${server.url}/`, 'reached at the listener: the listener')
  // An agent on another host reaches a server bound to 0.0.0.0 at one of the server's addresses:
  // the Host header names it (the request still lands on 127.0.0.1 here).
  const port = new URL(server.url).port
  const remote = await rawCall(
    server,
    'DiscoverPollEndpoint',
    {},
    { headers: { host: `10.231.1.1:${port}` } },
  )
  t.equal(remote.status, 200, remote.text)
  const want = `http://10.231.1.1:${port}/`
  t.same(endpointOf(remote.body), {
    endpoint: want,
    telemetryEndpoint: want,
    serviceConnectEndpoint: want,
  })
})

t.test('advertiseUrl wins, and a wildcard one is refused at start', async t => {
  const server = await testServer(t, { advertiseUrl: 'http://quayside.example.test:4100' })
  const answer = await rawCall(
    server,
    'DiscoverPollEndpoint',
    {},
    { headers: { host: '10.231.1.1:4100' } },
  )
  t.equal(answer.body['endpoint'], 'http://quayside.example.test:4100/')
  await t.rejects(testServer(t, { advertiseUrl: 'http://0.0.0.0:4100' }), /wildcard/)
})
