import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { request } from 'undici'
import { DEFAULT_THROTTLE_RATES } from '../src/auth/throttle.js'
import { checkFlags, serverCommand, SERVER_HELP, throttleRates } from '../src/command.js'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } }
}

t.test('--help prints the usage and exits 0', async t => {
  const { out, io } = capture()
  t.equal(await serverCommand(['--help'], io), 0)
  t.equal(out.join(''), SERVER_HELP)
  t.match(SERVER_HELP, /--tls-cert/)
})

t.test('bad flags: one line, exit 2', async t => {
  for (const argv of [
    ['--nope'],
    ['--port', 'x'],
    ['--port', '70000'],
    ['--account-id', '1'],
    ['--region', 'mars'],
    ['--log-format', 'xml'],
    ['--tls-cert', 'a'],
    ['--throttle', 'reads=1/1'],
    ['--throttle', 'read=1/1', '--no-throttle'],
    ['--advertise-url', 'http://0.0.0.0:4100'],
    ['--advertise-url', 'ftp://quayside.test'],
    ['extra'],
  ]) {
    const { err, io } = capture()
    t.equal(await serverCommand(argv, io), 2, argv.join(' '))
    t.equal(err.length, 1)
    t.match(err[0], /^quayside server: .*\n$/)
  }
  t.equal(
    checkFlags({
      port: '0',
      region: 'eu-central-1',
      'account-id': '123456789012',
      'log-format': 'json',
      'advertise-url': 'https://quayside.test:4100',
    }),
    undefined,
  )
})

t.test('runs until a signal, answers health, stops with 0', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-cmd-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const signals = new EventEmitter()
  const { out, err, io } = capture()
  const done = serverCommand(
    ['--port', '0', '--data-dir', dir, '--log-format', 'json', '--host', '0.0.0.0'],
    { ...io, signals },
  )
  while (out.length === 0) await new Promise(resolve => setTimeout(resolve, 10))
  const match = /listening on (http:\/\/\S+) \(store: sqlite.*test\/test/.exec(out[0]!)
  t.ok(match, out[0] ?? 'no start-up line')
  t.match(err.join(''), /warning: serving plain HTTP on 0\.0\.0\.0/)
  const port = new URL(match![1]!).port
  const health = await request(`http://127.0.0.1:${port}/health`)
  t.equal(health.statusCode, 200)
  await health.body.dump()
  signals.emit('SIGTERM')
  t.equal(await done, 0)
})

t.test('a start-up failure is reported with exit 1', async t => {
  const { err, io } = capture()
  t.equal(await serverCommand(['--port', '0', '--store', 'mysql://x'], io), 1)
  t.match(err.join(''), /unsupported --store URL/)
})

t.test('--throttle over the default rates, --no-throttle for none', t => {
  t.same(throttleRates([], false), DEFAULT_THROTTLE_RATES)
  t.equal(throttleRates([], true), undefined)
  t.same(throttleRates(['read=10/5', 'launch=2/1'], false), {
    ...DEFAULT_THROTTLE_RATES,
    read: { burst: 10, refillPerSecond: 5 },
    launch: { burst: 2, refillPerSecond: 1 },
  })
  t.throws(() => throttleRates(['read=1/1'], true), /exclude each other/)
  t.end()
})
