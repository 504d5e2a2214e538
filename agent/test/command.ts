import { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '@quayside/server'
import t from 'tap'
import { AGENT_HELP, agentCommand, parseAgentFlags } from '../src/command.js'
import { fakeRuntime } from './fixtures/fake-runtime.js'

t.test('flags: defaults, repeats, and each mistake named', t => {
  t.same(parseAgentFlags(['--endpoint', 'http://h:1']), {
    endpoint: 'http://h:1',
    cluster: 'default',
    region: undefined,
    dockerHost: undefined,
    stateDir: '.quayside/agent',
    reservedMemoryMiB: 0,
    attributes: [],
    ca: undefined,
    metadataEndpoint: undefined,
  })
  t.match(
    parseAgentFlags([
      '--endpoint=https://h',
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
      '--metadata-endpoint',
      'http://m',
    ]),
    {
      cluster: 'c',
      region: 'r',
      dockerHost: 'tcp://d:1',
      stateDir: 's',
      reservedMemoryMiB: 256,
      attributes: [{ name: 'a', value: '1' }, { name: 'b' }],
      ca: 'ca.pem',
      metadataEndpoint: 'http://m',
    },
  )
  t.equal(parseAgentFlags(['-h']), 'help')
  const bad: [string[], RegExp][] = [
    [[], /--endpoint URL is required/],
    [['--endpoint', 'ftp://h'], /not an http\(s\) URL/],
    [['--endpoint', 'nope'], /not an http\(s\) URL/],
    [['--endpoint', 'http://h', '--reserved-memory=-1'], /whole number/],
    [['--endpoint', 'http://h', '--reserved-memory', 'x'], /whole number/],
    [['--endpoint', 'http://h', '--attribute', '=v'], /expected name=value/],
    [['--bogus'], /bogus/],
  ]
  for (const [argv, message] of bad)
    t.throws(() => parseAgentFlags(argv), { name: 'AgentConfigError', message }, argv.join(' '))
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
