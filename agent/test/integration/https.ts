// `quayside agent --ca FILE` against a real HTTPS server: a CA and a server certificate for
// 127.0.0.1 are made here with openssl; the agent that trusts the CA registers and runs a task
// sent over the wss:// channel, the one that does not is refused with the certificate problem
// named.
import { execFile } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ECS } from '@quayside/sdk'
import { startServer } from '@quayside/server'
import t from 'tap'
import { required } from '../../../test/support/external.js'
import { agentCommand } from '../../src/command.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(60_000)

const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 15_000 })

const run = promisify(execFile)

/** Writes ca.pem, server.pem and server.key into `dir`: a CA and a leaf for IP 127.0.0.1. */
async function makeCertificates(dir: string): Promise<void> {
  const at = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir })
  await openssl(
    'req',
    ...['-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
    ...['-keyout', at('ca.key'), '-out', at('ca.pem'), '-subj', '/CN=quayside test CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign'],
  )
  await openssl(
    'req',
    ...['-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key')],
    ...['-out', at('server.csr'), '-subj', '/CN=127.0.0.1'],
  )
  await writeFile(at('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  await openssl(
    'x509',
    ...['-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key')],
    ...['-CAcreateserial', '-days', '2', '-extfile', at('server.ext'), '-out', at('server.pem')],
  )
}

t.test('an agent with --ca registers over HTTPS and runs a task sent over wss://', async t => {
  const missing = await run('openssl', ['version']).then(
    () => undefined,
    (error: unknown) => (error as Error).message,
  )
  if (missing !== undefined) {
    // openssl is part of every Debian and CI image; only the odd workstation lacks it
    if (required().size > 0) t.fail(`openssl is needed to make the certificates: ${missing}`)
    else t.plan(0, `skipped: openssl is needed to make the certificates (${missing})`)
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'agent-https-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await makeCertificates(dir)
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'db'),
    logFormat: 'none',
    tlsCert: join(dir, 'server.pem'),
    tlsKey: join(dir, 'server.key'),
  })
  t.teardown(() => server.close())
  t.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)

  const lines = { out: [] as string[], err: [] as string[] }
  const io = {
    out: (line: string) => lines.out.push(line),
    err: (line: string) => lines.err.push(line),
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  }
  const flags = (name: string) => [
    ...['--endpoint', server.url, '--cluster', 'tls', '--no-metadata'],
    ...['--state-dir', join(dir, name)],
  ]

  await t.test('without --ca, or with the wrong CA, the agent stops and says why', async t => {
    t.equal(await agentCommand(flags('untrusted'), { ...io, runtime: fakeRuntime() }), 1)
    t.match(
      lines.err.pop(),
      /^quayside agent: .*unable to verify the first certificate \(the server certificate is not trusted: pass --ca FILE with the CA that signed it\)$/,
    )
    const other = join(dir, 'other')
    await mkdir(other)
    await makeCertificates(other)
    const wrong = [...flags('wrong'), '--ca', join(other, 'ca.pem')]
    t.equal(await agentCommand(wrong, { ...io, runtime: fakeRuntime() }), 1)
    t.match(
      lines.err.pop(),
      /certificate.*\(the server certificate is not trusted by --ca \S+other\/ca\.pem/,
    )
    const notPem = [...flags('not-pem'), '--ca', join(dir, 'server.ext')]
    t.equal(await agentCommand(notPem, { ...io, runtime: fakeRuntime() }), 1)
    t.match(lines.err.pop(), /AgentConfigError: --ca \S+server\.ext: not a PEM certificate/)
    t.same(lines.out, [], 'never registered')
  })

  await t.test('with --ca it registers, connects over wss:// and runs the task', async t => {
    const runtime = fakeRuntime({ images: ['tls-image'] })
    const signals = new EventEmitter()
    const running = agentCommand([...flags('trusted'), '--ca', join(dir, 'ca.pem')], {
      ...io,
      runtime,
      signals,
    })
    t.teardown(async () => {
      signals.emit('SIGTERM')
      await running
    })
    const registered = await until('registered', () =>
      Promise.resolve(lines.out.find(line => line.startsWith('agent registered'))),
    )
    t.match(registered, /in cluster tls as arn:aws:ecs:us-east-1:000000000000:container-instance/)

    const ecs = new ECS({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      ca: await readFile(join(dir, 'ca.pem'), 'utf8'),
    })
    t.teardown(() => ecs.close())
    const arn = /as (\S+) with/.exec(registered)?.[1] ?? ''
    await until('agent connected over wss://', async () => {
      const { containerInstances } = await ecs.describeContainerInstances({
        cluster: 'tls',
        containerInstances: [arn],
      })
      return containerInstances?.[0]?.agentConnected === true ? true : undefined
    })
    await ecs.registerTaskDefinition({
      family: 'tls',
      containerDefinitions: [{ name: 'app', image: 'tls-image', memory: 16 }],
    })
    const started = await ecs.runTask({ cluster: 'tls', taskDefinition: 'tls' })
    const taskArn = started.tasks?.[0]?.taskArn ?? ''
    const task = await until('RUNNING', async () => {
      const { tasks } = await ecs.describeTasks({ cluster: 'tls', tasks: [taskArn] })
      return tasks?.[0]?.lastStatus === 'RUNNING' ? tasks[0] : undefined
    })
    t.equal(task.containerInstanceArn, arn, 'placed on the agent that trusts the CA')
    t.equal(runtime.calls.filter(c => c.method === 'createContainer').length, 1)
    // the server listens for HTTPS only, so the channel that connected is wss://
    t.same(lines.err, [], 'no channel or certificate errors')
  })
})
