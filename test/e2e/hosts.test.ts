/**
 * Several hosts: the built `quayside server` bound to all interfaces on this machine and one
 * `quayside agent` on each of two simulated hosts (network namespaces with a Docker Engine of
 * their own, from ../shared/scripts/start-hosts.sh), each pointed at the server's address as
 * seen from its host (10.231.<i>.1). Tasks placed on both answer HTTP at their host's address;
 * one host's agent is killed: its task keeps its state and goes on serving, its instance reads
 * disconnected, and the other host runs on and takes a new task. Since the server is bound to
 * 0.0.0.0, the agents' channels only open if DiscoverPollEndpoint names a dialable address.
 * Traffic goes only to 10.231.<i>.<1,2> and 127.0.0.1.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { ECS } from '@quayside/sdk'
import t from 'tap'
import { hostsScript, withExternal } from '../support/external.js'

t.setTimeout(280_000)

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/quayside.js')
const HOSTS = [1, 2] as const
const socket = (i: number) => `unix:///var/run/qshost${String(i)}/docker.sock`
const hostAddress = (i: number) => `10.231.${String(i)}.2`
const machineFrom = (i: number) => `10.231.${String(i)}.1`

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`not within ${String(ms / 1000)} s: ${what}`)
    await new Promise(done => setTimeout(done, 200))
  }
}

/** The body of `GET url`, or undefined when nothing answers (within 2 s). */
async function httpGet(url: string): Promise<string | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined)
  return response?.ok === true ? await response.text() : undefined
}

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((done, fail) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const found = pattern.exec(out)
      if (found?.[1] !== undefined) done(found[1])
    })
    child.once('exit', code => {
      fail(new Error(`${what} exited (${String(code)}) before printing ${String(pattern)}`))
    })
  })
}

async function hostsRunning(): Promise<boolean> {
  for (const i of HOSTS) {
    const up = await run(
      'docker',
      ['-H', socket(i), 'version', '--format', '{{.Server.Version}}'],
      {
        timeout: 10_000,
      },
    ).then(
      () => true,
      () => false,
    )
    if (!up) return false
  }
  return true
}

await withExternal(t, ['hosts'], 'a server, and agents on two simulated hosts', async t => {
  const children = new Set<ChildProcess>()
  const dir = await mkdtemp(join(tmpdir(), 'quayside-hosts-'))
  const cluster = `hosts-${randomBytes(4).toString('hex')}`
  const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`
  let startedHosts = false
  // registered first, so it runs last: the hosts go only once their containers are gone
  t.teardown(async () => {
    await rm(dir, { recursive: true, force: true })
    if (startedHosts)
      await run('bash', [join(dirname(hostsScript), 'stop-hosts.sh'), String(HOSTS.length)])
  })
  t.teardown(async () => {
    for (const child of children) child.kill('SIGKILL')
    for (const i of HOSTS) {
      const { stdout } = await run('docker', [
        '-H',
        socket(i),
        'ps',
        '-aq',
        '--filter',
        `label=com.amazonaws.ecs.cluster=${clusterArn}`,
      ]).catch(() => ({ stdout: '' }))
      const ids = stdout.split('\n').filter(Boolean)
      if (ids.length > 0) await run('docker', ['-H', socket(i), 'rm', '-f', ...ids])
    }
  })
  if (!(await hostsRunning())) {
    t.comment(`starting ${String(HOSTS.length)} simulated hosts with ${hostsScript}`)
    await run('bash', [hostsScript, String(HOSTS.length)], { timeout: 180_000 })
    startedHosts = true
  }

  const server = spawn(
    process.execPath,
    [bin, 'server', '--host', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'db')],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  )
  children.add(server)
  const listening = await waitForLine(server, /listening on (\S+)/, 'the server')
  const port = new URL(listening).port
  t.equal(new URL(listening).hostname, '0.0.0.0', 'bound to all interfaces')
  const ecs = new ECS({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  t.teardown(() => ecs.close())
  await ecs.createCluster({ clusterName: cluster })

  const env: Record<string, string | undefined> = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  }
  delete env['AWS_PROFILE']
  const agents = new Map<number, { child: ChildProcess; instance: string }>()
  for (const i of HOSTS) {
    const child = spawn(
      'nsenter',
      [
        `--net=/var/run/netns/qshost${String(i)}`,
        process.execPath,
        bin,
        'agent',
        '--endpoint',
        `http://${machineFrom(i)}:${port}`,
        '--cluster',
        cluster,
        '--docker-host',
        socket(i),
        '--state-dir',
        join(dir, `agent-${String(i)}`),
        '--no-metadata',
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    children.add(child)
    agents.set(i, {
      child,
      instance: await waitForLine(child, / as (\S+) with/, `agent ${String(i)}`),
    })
  }
  const hostOf = new Map([...agents].map(([i, a]) => [a.instance, i]))
  const instances = [...agents.values()].map(a => a.instance)
  const connected = async () => {
    const { containerInstances = [] } = await ecs.describeContainerInstances({
      cluster,
      containerInstances: instances,
    })
    return new Map(containerInstances.map(c => [c.containerInstanceArn ?? '', c.agentConnected]))
  }
  await until('both agents connected over their channel', async () =>
    [...(await connected()).values()].every(Boolean) ? true : undefined,
  )
  t.pass('both agents dialled a server bound to 0.0.0.0 and opened their channel')

  const httpd = (name: string, hostPort: number) => ({
    family: name,
    containerDefinitions: [
      {
        name: 'web',
        image: 'quayside/busybox:test',
        command: ['httpd', '-f', '-p', '80', '-h', '/www'],
        memory: 32,
        portMappings: [{ containerPort: 80, hostPort }],
      },
    ],
  })
  await ecs.registerTaskDefinition(httpd('web', 8080))
  await ecs.registerTaskDefinition(httpd('web-dynamic', 0))
  const placed = await ecs.runTask({
    cluster,
    taskDefinition: 'web',
    count: 2,
    placementConstraints: [{ type: 'distinctInstance' }],
  })
  t.same(placed.failures, [])
  const arns = (placed.tasks ?? []).map(task => task.taskArn ?? '')
  const running = await until('both tasks RUNNING', async () => {
    const { tasks = [] } = await ecs.describeTasks({ cluster, tasks: arns })
    return tasks.length === 2 && tasks.every(task => task.lastStatus === 'RUNNING')
      ? tasks
      : undefined
  })
  const taskOn = new Map(running.map(task => [hostOf.get(task.containerInstanceArn ?? ''), task]))
  t.same([...taskOn.keys()].sort(), [1, 2], 'one task on each host')
  for (const i of HOSTS) {
    const body = await until(`host ${String(i)} serves its task`, () =>
      httpGet(`http://${hostAddress(i)}:8080/`),
    )
    t.match(
      body,
      /hello-quayside/,
      `the task on host ${String(i)} answers at ${hostAddress(i)}:8080`,
    )
  }

  // Host 1's agent dies; its container, in host 1's own engine, is not the agent's to stop.
  const first = agents.get(1)
  if (!first) throw new Error('no agent on host 1')
  const exited = new Promise(done => first.child.once('exit', done))
  first.child.kill('SIGKILL')
  await exited
  children.delete(first.child)
  await until('host 1 reads disconnected', async () =>
    (await connected()).get(first.instance) === false ? true : undefined,
  )
  const after = await ecs.describeTasks({ cluster, tasks: arns })
  const kept = after.tasks?.find(task => task.containerInstanceArn === first.instance)
  t.equal(kept?.lastStatus, 'RUNNING', 'the dead agent’s task keeps its state')
  t.equal(kept?.desiredStatus, 'RUNNING')
  t.match(await httpGet(`http://${hostAddress(1)}:8080/`), /hello-quayside/, 'and still serves')

  t.equal((await connected()).get(agents.get(2)?.instance ?? ''), true, 'host 2 still connected')
  t.match(await httpGet(`http://${hostAddress(2)}:8080/`), /hello-quayside/, 'host 2 still serves')
  const more = await ecs.runTask({ cluster, taskDefinition: 'web-dynamic' })
  t.same(more.failures, [])
  const moreArn = more.tasks?.[0]?.taskArn ?? ''
  t.equal(hostOf.get(more.tasks?.[0]?.containerInstanceArn ?? ''), 2, 'a new task goes to host 2')
  const bound = await until('the new task RUNNING with its port', async () => {
    const { tasks = [] } = await ecs.describeTasks({ cluster, tasks: [moreArn] })
    const task = tasks[0]
    const hostPort = task?.containers?.[0]?.networkBindings?.[0]?.hostPort
    return task?.lastStatus === 'RUNNING' && hostPort !== undefined ? hostPort : undefined
  })
  const body = await until('the new task serves', () =>
    httpGet(`http://${hostAddress(2)}:${String(bound)}/`),
  )
  t.match(body, /hello-quayside/, `the new task answers at ${hostAddress(2)}:${String(bound)}`)
})
