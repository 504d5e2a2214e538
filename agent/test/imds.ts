import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { instanceIdentity } from '../src/imds.js'
import { FAKE_IDENTITY, fakeImds } from './fixtures/fake-imds.js'

t.test('IMDSv2: a token first, then the signed identity document', async t => {
  const imds = await fakeImds(t)
  const identity = await instanceIdentity(imds.url)
  t.same(identity, {
    document: JSON.stringify(FAKE_IDENTITY),
    signature: 'sig',
    instanceType: 'm5.large',
    availabilityZone: 'us-east-1a',
  })
  t.same(imds.requests, [
    'PUT /latest/api/token',
    'GET /latest/dynamic/instance-identity/document',
    'GET /latest/dynamic/instance-identity/signature',
  ])
})

t.test('not on EC2: nothing answers, an error answers, odd documents', async t => {
  t.equal(await instanceIdentity('http://127.0.0.1:1', 200), undefined, 'refused')
  const bodies = ['token', '{"instanceType": 5}']
  const server = createServer((request, response) => {
    if (request.url === '/latest/api/token') response.end(bodies[0])
    else if (request.url?.endsWith('/document')) response.end(bodies[1])
    else response.end('sig')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => {
    server.close()
  })
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
  t.same(await instanceIdentity(url), { document: '{"instanceType": 5}', signature: 'sig' })
  bodies[1] = 'not json'
  t.equal(await instanceIdentity(url), undefined)
  const failing = createServer((_request, response) => {
    response.statusCode = 403
    response.end()
  })
  failing.listen(0, '127.0.0.1')
  await once(failing, 'listening')
  t.teardown(() => {
    failing.close()
  })
  t.equal(
    await instanceIdentity(`http://127.0.0.1:${String((failing.address() as AddressInfo).port)}`),
    undefined,
  )
})
