import { EventEmitter } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { withExternal } from '../../test/support/external.js'
import {
  connectLines,
  parseUpFlags,
  startFailure,
  upCommand,
  upCredentials,
  UP_HELP,
} from '../src/up.js'

t.setTimeout(120_000)

function capture() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } }
}

async function waitFor(lines: string[], pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!lines.some(l => pattern.test(l))) {
    if (Date.now() > deadline)
      throw new Error(`no line matching ${String(pattern)}: ${lines.join('\n')}`)
    await new Promise(r => setTimeout(r, 20))
  }
}

const tmp = async (t: Test) => {
  const dir = await mkdtemp(join(tmpdir(), 'quayside-up-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

t.test('flags', t => {
  t.same(parseUpFlags([]), {
    port: 4100,
    dataDir: '.quayside',
    cluster: 'default',
    dockerHost: undefined,
    agent: true,
  })
  t.same(
    parseUpFlags([
      '--port',
      '0',
      '--data-dir',
      'd',
      '--cluster',
      'c',
      '--docker-host',
      'tcp://x:1',
      '--no-agent',
    ]),
    { port: 0, dataDir: 'd', cluster: 'c', dockerHost: 'tcp://x:1', agent: false },
  )
  t.equal(parseUpFlags(['-h']), 'help')
  for (const port of ['-1', '65536', 'x', '1.5'])
    t.throws(() => parseUpFlags([`--port=${port}`]), { message: /is not a port number/ }, port)
  t.end()
})

t.test('what it prints and how failures read', t => {
  const lines = connectLines('http://127.0.0.1:4100/')
  t.match(lines[0], /^endpoint:\s+http:\/\/127\.0\.0\.1:4100$/)
  t.match(
    lines.at(-1),
    /AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 aws ecs list-clusters --endpoint-url http:\/\/127\.0\.0\.1:4100$/,
  )
  const rows: [unknown, RegExp][] = [
    [
      Object.assign(new Error('x'), { code: 'EADDRINUSE' }),
      /^port 4100 is in use; pick another with --port$/,
    ],
    [Object.assign(new Error('x'), { code: 'EACCES' }), /permission denied/],
    [new Error('first\nsecond'), /^first$/],
  ]
  for (const [error, line] of rows) t.match(startFailure(error, 4100), line)
  t.end()
})

t.test('help, bad flags, a port in use, an unwritable data dir', async t => {
  const c = capture()
  t.equal(await upCommand(['--help'], c.io), 0)
  t.equal(c.out.pop(), UP_HELP)
  t.equal(await upCommand(['--port', 'x'], c.io), 2)
  t.match(c.err.pop(), /^quayside up: --port x is not a port number/)

  const dir = await tmp(t)
  const blocker = createServer()
  await new Promise<void>(r => blocker.listen(0, '127.0.0.1', r))
  t.teardown(() => blocker.close())
  const port = (blocker.address() as { port: number }).port
  t.equal(
    await upCommand(['--port', String(port), '--data-dir', join(dir, 'a'), '--no-agent'], c.io),
    1,
  )
  t.equal(c.err.pop(), `quayside up: port ${String(port)} is in use; pick another with --port`)

  const file = join(dir, 'file')
  await writeFile(file, '')
  t.equal(await upCommand(['--data-dir', join(file, 'sub')], c.io), 1)
  t.match(c.err.pop(), /^quayside up: cannot write the data dir .*file\/sub: /)
  t.equal(c.err.length, 0, 'one line each')
})

t.test('the server alone (--no-agent) and without a Docker Engine', async t => {
  const dir = await tmp(t)
  for (const argv of [['--no-agent'], ['--docker-host', `unix://${join(dir, 'no.sock')}`]]) {
    const c = capture()
    const signals = new EventEmitter()
    const running = upCommand(['--port', '0', '--data-dir', join(dir, argv[0] ?? ''), ...argv], {
      ...c.io,
      signals,
    })
    await waitFor(c.out, /^endpoint:/)
    t.match(c.out, [
      /^store opened: SQLite in /,
      /^server listening on http:\/\/127\.0\.0\.1:\d+\/?$/,
    ])
    if (argv[0] === '--no-agent') t.same(c.err, [])
    else {
      t.equal(c.err.length, 1)
      t.match(
        c.err[0],
        /^quayside up: no Docker Engine at unix:\/\/.*no\.sock .*tasks cannot start; start Docker or pass --docker-host/,
      )
    }
    const endpoint =
      /^endpoint:\s+(\S+)/.exec(c.out.find(l => l.startsWith('endpoint:')) ?? '')?.[1] ?? ''
    const health = await fetch(`${endpoint}/health`)
    t.equal(health.status, 200, 'the server answers')
    signals.emit('SIGINT')
    t.equal(await running, 0)
  }
})

await withExternal(t, ['docker'], 'with the local Docker Engine: the agent registers', async t => {
  const dir = await tmp(t)
  const c = capture()
  const signals = new EventEmitter()
  const running = upCommand(['--port', '0', '--data-dir', dir, '--cluster', 'up-unit'], {
    ...c.io,
    signals,
  })
  await waitFor(c.out, /^endpoint:/)
  t.ok(
    c.out.some(l => /^agent registered in cluster up-unit with \d+ CPU units and \d+ MiB$/.test(l)),
  )
  signals.emit('SIGTERM')
  t.equal(await running, 0)

  // a cluster name the server refuses: the agent cannot start, the server still runs
  const bad = capture()
  const again = upCommand(['--port', '0', '--data-dir', dir, '--cluster', 'no spaces!'], {
    ...bad.io,
    signals,
  })
  await waitFor(bad.out, /^endpoint:/)
  t.match(bad.err, [/^quayside up: the agent could not start: /])
  signals.emit('SIGTERM')
  t.equal(await again, 0)
})

t.test(
  'the local key has full access; the agent gets a key of its own under the agent policy',
  async t => {
    const { parseCredentials, evaluate } = await import('@quayside/server')
    const set = parseCredentials(
      JSON.stringify(upCredentials({ accessKeyId: 'QSAKAGENT', secretAccessKey: 's' })),
      '000000000000',
      'up',
    )
    t.equal(set.get('test')?.policy, undefined)
    const agent = set.get('QSAKAGENT')
    t.equal(agent?.principalArn, 'arn:aws:iam::000000000000:user/quayside-agent')
    const may = (action: string) => (agent?.policy ? evaluate(agent.policy, action, '*') : 'none')
    t.equal(may('ecs:RegisterContainerInstance'), 'allow')
    t.equal(may('ecs:Poll'), 'allow')
    t.equal(may('ecs:RunTask'), 'implicit-deny')
    t.equal(may('ecs:StopTask'), 'implicit-deny')
  },
)
