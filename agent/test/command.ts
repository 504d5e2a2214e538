import { EventEmitter } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '@quayside/server'
import t from 'tap'
import { rootCertificates } from 'node:tls'
import {
  AGENT_HELP,
  agentCommand,
  caBundle,
  certificateHint,
  parseAgentFlags,
} from '../src/command.js'
import { fakeRuntime } from './fixtures/fake-runtime.js'

t.test('flags: defaults, repeats, and each mistake named', t => {
  t.same(parseAgentFlags(['--endpoint', 'http://h:1']), {
    endpoints: ['http://h:1'],
    cluster: 'default',
    region: undefined,
    dockerHost: undefined,
    stateDir: '.quayside/agent',
    reservedMemoryMiB: 0,
    attributes: [],
    pullBehavior: undefined,
    ca: undefined,
    metadataEndpoint: undefined,
    introspectionPort: undefined,
  })
  t.match(
    parseAgentFlags([
      '--endpoint=https://h',
      '--endpoint',
      'https://h2:4100',
      '--cluster',
      'c',
      '--region',
      'r',
      '--docker-host',
      'tcp://d:1',
      '--state-dir',
      's',
      '--reserved-memory',
      '256',
      '--attribute',
      'a=1',
      '--attribute',
      'b',
      '--ca',
      'ca.pem',
      '--pull-behavior',
      'once',
      '--metadata-endpoint',
      'http://m',
      '--introspection-port',
      '0',
    ]),
    {
      endpoints: ['https://h', 'https://h2:4100'],
      cluster: 'c',
      region: 'r',
      dockerHost: 'tcp://d:1',
      stateDir: 's',
      reservedMemoryMiB: 256,
      attributes: [{ name: 'a', value: '1' }, { name: 'b' }],
      ca: 'ca.pem',
      pullBehavior: 'once',
      metadataEndpoint: 'http://m',
      introspectionPort: 0,
    },
  )
  t.equal(parseAgentFlags(['-h']), 'help')
  const bad: [string[], RegExp][] = [
    [[], /--endpoint URL is required/],
    [['--endpoint', 'ftp://h'], /not an http\(s\) URL/],
    [['--endpoint', 'nope'], /not an http\(s\) URL/],
    [['--endpoint', 'http://h', '--endpoint', 'nope'], /--endpoint nope is not an http\(s\) URL/],
    [['--endpoint', 'http://h', '--reserved-memory=-1'], /whole number/],
    [['--endpoint', 'http://h', '--reserved-memory', 'x'], /whole number/],
    [['--endpoint', 'http://h', '--attribute', '=v'], /expected name=value/],
    [['--endpoint', 'http://h', '--pull-behavior', 'sometimes'], /one of default, always, once/],
    [['--endpoint', 'http://h', '--introspection-port', '65536'], /--introspection-port takes/],
    [['--endpoint', 'http://h', '--introspection-port', 'x'], /--introspection-port takes/],
    [['--bogus'], /bogus/],
  ]
  for (const [argv, message] of bad)
    t.throws(() => parseAgentFlags(argv), { name: 'AgentConfigError', message }, argv.join(' '))
  t.end()
})

t.test('caBundle: --ca adds to the bundled roots instead of replacing them', t => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
  const bundle = caBundle(pem)
  t.ok(bundle.endsWith(pem), 'the given CA')
  t.ok(rootCertificates.length > 0 && rootCertificates.every(root => bundle.includes(root)))
  t.end()
})

t.test('certificateHint: a TLS verification failure anywhere in the cause chain', t => {
  const tls = Object.assign(new Error('self-signed certificate'), {
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  })
  const wrapped = new Error('request failed', { cause: new Error('fetch failed', { cause: tls }) })
  t.match(certificateHint(wrapped, undefined), /not trusted: pass --ca FILE/)
  t.match(
    certificateHint(wrapped, 'ca.pem'),
    /not trusted by --ca ca\.pem, or does not name this host/,
  )
  t.match(
    certificateHint(new Error('ERR_TLS_CERT_ALTNAME_INVALID: IP 10.0.0.1 is not in the cert'), 'x'),
    /--ca x/,
  )
  t.equal(certificateHint(new Error('connect ECONNREFUSED'), undefined), '', 'not a TLS problem')
  t.equal(certificateHint('CERT_HAS_EXPIRED', undefined), '', 'only Error objects are read')
  let deep: Error = tls
  for (let i = 0; i < 10; i++) deep = new Error('wrapped', { cause: deep })
  t.equal(certificateHint(deep, undefined), '', 'the chain is read 8 deep at most')
  t.end()
})

t.test('the command: help, bad flags, start-up failures, a run stopped by SIGTERM', async t => {
  const lines = { out: [] as string[], err: [] as string[] }
  const io = {
    out: (l: string) => lines.out.push(l),
    err: (l: string) => lines.err.push(l),
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  }
  t.equal(await agentCommand(['--help'], io), 0)
  t.equal(lines.out.pop(), AGENT_HELP)
  t.equal(await agentCommand(['--cluster', 'c'], io), 2)
  t.match(lines.err.pop(), /^quayside agent: --endpoint URL is required \(see --help\)$/)
  t.equal(
    await agentCommand(['--endpoint', 'http://127.0.0.1:1', '--ca', '/no/such/ca.pem'], io),
    1,
  )
  t.match(lines.err.pop(), /AgentConfigError: --ca \/no\/such\/ca.pem/)
  const notPem = join(tmpdir(), `not-a-ca-${String(process.pid)}.pem`)
  await writeFile(notPem, 'hello')
  t.teardown(() => rm(notPem, { force: true }))
  t.equal(await agentCommand(['--endpoint', 'https://127.0.0.1:1', '--ca', notPem], io), 1)
  t.match(lines.err.pop(), /AgentConfigError: --ca \S+: not a PEM certificate/)
  t.equal(
    await agentCommand(['--endpoint', 'http://127.0.0.1:1'], {
      ...io,
      env: { HOME: '/nonexistent' },
    }),
    1,
  )
  t.match(lines.err.pop(), /no credentials: set AWS_ACCESS_KEY_ID/)

  const dir = await mkdtemp(join(tmpdir(), 'agent-cmd-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const server = await startServer({ port: 0, dataDir: join(dir, 'db'), logFormat: 'none' })
  t.teardown(() => server.close())
  const signals = new EventEmitter()
  const running = agentCommand(
    [
      '--endpoint',
      server.url,
      '--cluster',
      'cmd',
      '--state-dir',
      join(dir, 'state'),
      '--no-metadata',
      '--pull-behavior',
      'always',
    ],
    { ...io, signals, runtime: fakeRuntime() },
  )
  const deadline = Date.now() + 10_000
  while (lines.out.length === 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 10))
  t.match(
    lines.out[0],
    /^agent registered in cluster cmd as arn:aws:ecs:us-east-1:000000000000:container-instance\/cmd\/\S+ with 4096 CPU units and 8192 MiB$/,
  )
  signals.emit('SIGTERM')
  t.equal(await running, 0)
})
