import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { Agent, request } from 'undici'
import { isLoopback, listen } from '../../src/http/server.js'
import { testServer } from '../fixtures/server.js'

t.test('serves HTTPS with --tls-cert/--tls-key', async t => {
  const dir = t.testdir()
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  // openssl ships with every system the project runs tests on.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  const server = await testServer(t, { tlsCert: cert, tlsKey: key })
  t.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } })
  t.teardown(() => dispatcher.close())
  const health = await request(`${server.url}/health`, { dispatcher })
  t.equal(health.statusCode, 200)
  await health.body.dump()
  await t.rejects(
    listen({ host: '127.0.0.1', port: 0, tlsCert: cert, handler: () => Promise.resolve() }),
    { code: 'ECS_SRV_CONFIG' },
  )
})

t.test('isLoopback', t => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) t.ok(isLoopback(host), host)
  for (const host of ['0.0.0.0', '10.0.0.1', '::']) t.notOk(isLoopback(host), host)
  t.end()
})

t.test('a port in use is a start-up error', async t => {
  const first = await testServer(t)
  await t.rejects(testServer(t, { port: first.port }), { code: 'EADDRINUSE' })
})
