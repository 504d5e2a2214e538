import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { MockAgent } from 'undici'
import { AbortError, NetworkError, TimeoutError } from '../src/errors.js'
import { createTransport } from '../src/transport.js'
import type { HttpRequest } from '../src/transport.js'
import { ok, stubServer } from './fixtures/stub-server.js'

const post = (origin: string, body = '{}'): HttpRequest => ({
  origin,
  path: '/',
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-test': 'yes' },
  body,
})

t.test('sends the request and reads status, headers and body', async t => {
  const server = await stubServer(() => ({ ...ok({ a: 1 }), headers: { 'x-multi': 'v' } }))
  t.teardown(() => server.close())
  const transport = createTransport()
  t.teardown(() => transport.close())
  const response = await transport.send(post(server.url, '{"q":1}'))
  t.equal(response.statusCode, 200)
  t.equal(response.body, '{"a":1}')
  t.equal(response.headers['x-multi'], 'v')
  t.equal(server.requests[0]?.body, '{"q":1}')
  t.equal(server.requests[0]?.headers['x-test'], 'yes')
})

t.test('connections are kept alive and reused', async t => {
  const server = await stubServer(() => ok())
  t.teardown(() => server.close())
  const transport = createTransport({ connections: 1 })
  t.teardown(() => transport.close())
  for (let i = 0; i < 3; i++) await transport.send(post(server.url))
  const ports = new Set(server.requests.map(r => r.remotePort))
  t.equal(ports.size, 1, 'one socket for three calls')
})

t.test('a refused connection is a NetworkError with the cause', async t => {
  const server = await stubServer(() => ok())
  const url = server.url
  await server.close()
  const transport = createTransport()
  t.teardown(() => transport.close())
  const error = await transport.send(post(url)).catch((e: unknown) => e)
  t.ok(error instanceof NetworkError)
  t.match((error as NetworkError).message, /ECONNREFUSED/)
  t.match((error as NetworkError).cause, { code: 'ECONNREFUSED' })
})

t.test('a hang-up mid-request is a NetworkError', async t => {
  const server = await stubServer(() => ({ hangUp: true }))
  t.teardown(() => server.close())
  const transport = createTransport()
  t.teardown(() => transport.close())
  await t.rejects(transport.send(post(server.url)), NetworkError)
})

t.test('timeoutMs turns a slow answer into a TimeoutError', async t => {
  const server = await stubServer(() => ({ ...ok(), delayMs: 2000 }))
  t.teardown(() => server.close())
  const transport = createTransport()
  t.teardown(() => transport.close())
  const started = Date.now()
  await t.rejects(transport.send(post(server.url), { timeoutMs: 50 }), TimeoutError)
  t.ok(Date.now() - started < 1500)
  const fast = await stubServer(() => ok())
  t.teardown(() => fast.close())
  t.equal((await transport.send(post(fast.url), { timeoutMs: 0 })).statusCode, 200, '0 means none')
})

t.test('an AbortSignal stops the call: before, in flight, and while queued', async t => {
  const server = await stubServer(() => ({ ...ok(), delayMs: 300 }))
  t.teardown(() => server.close())
  const transport = createTransport({ connections: 1 })
  t.teardown(() => transport.close())
  await t.rejects(transport.send(post(server.url), { signal: AbortSignal.abort('early') }), {
    name: 'AbortError',
    cause: 'early',
  })
  const inFlight = new AbortController()
  const first = transport.send(post(server.url), { signal: inFlight.signal })
  const queued = new AbortController()
  const second = transport.send(post(server.url), { signal: queued.signal })
  setTimeout(() => {
    queued.abort(new Error('queued'))
    inFlight.abort(new Error('in flight'))
  }, 30)
  await t.rejects(first, AbortError)
  await t.rejects(second, AbortError)
})

t.test('a custom CA makes a private-CA https endpoint trusted', async t => {
  const dir = join(import.meta.dirname, 'fixtures', 'tls')
  const cert = readFileSync(join(dir, 'cert.pem'))
  const server = createHttpsServer(
    { cert, key: readFileSync(join(dir, 'key.pem')) },
    (_req, res) => {
      res.end('{"tls":true}')
    },
  )
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>(resolve => {
        server.close(() => {
          resolve()
        })
      }),
  )
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  const untrusting = createTransport()
  t.teardown(() => untrusting.close())
  await t.rejects(untrusting.send(post(origin)), NetworkError, 'unknown CA is refused')
  const trusting = createTransport({ ca: cert })
  t.teardown(() => trusting.close())
  t.equal((await trusting.send(post(origin))).body, '{"tls":true}')
})

t.test('an injected dispatcher is used and not closed', async t => {
  const agent = new MockAgent()
  agent.disableNetConnect()
  agent
    .get('http://ecs.test')
    .intercept({ path: '/', method: 'POST' })
    .reply(200, '{"mock":true}', { headers: { 'set-cookie': ['a=1', 'b=2'] } })
  const transport = createTransport({ dispatcher: agent })
  const response = await transport.send(post('http://ecs.test'))
  t.equal(response.body, '{"mock":true}')
  t.equal(response.headers['set-cookie'], 'a=1, b=2', 'repeated headers are joined')
  await transport.close()
  await agent.close()
})

t.test('a closed transport refuses to send', async t => {
  const transport = createTransport()
  await transport.close()
  await t.rejects(transport.send(post('http://127.0.0.1:1')), {
    name: 'NetworkError',
    message: /closed/,
  })
})
