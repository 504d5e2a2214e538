/**
 * The service scheduler with real containers: the built `quayside server` and `quayside agent`
 * child processes on the real Docker Engine, the local image quayside/busybox:test (httpd, web
 * root /www), nothing pulled from a registry.
 * - A REPLICA service of 3 httpd tasks on dynamic host ports answers HTTP on each task's port, as
 *   DescribeTasks' networkBindings name it.
 * - `docker kill` of one container: that task ends STOPPED as ECS words it (EssentialContainerExited,
 *   "Essential container in task exited", exit code 137) and the service starts a replacement,
 *   which answers HTTP too.
 * - UpdateService desiredCount 0 leaves no running container of the service (docker ps by the
 *   agent's labels).
 * - A DAEMON service runs one container per agent: on the two simulated hosts when they are
 *   running (../../shared/scripts/start-hosts.sh, as hosts.test.ts uses them; this test does not
 *   start them), else two agents with state dirs of their own on this host's Docker Engine.
 * Every process and container it starts is removed at the end. Traffic goes only to 127.0.0.1
 * and, with the hosts, 10.231.<i>.<1,2>.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { whyMissing, withExternal } from '../support/external.js'

t.setTimeout(240_000)

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/quayside.js')
const HOSTS = [1, 2] as const
const hostSocket = (i: number) => `unix:///var/run/qshost${String(i)}/docker.sock`
const hostAddress = (i: number) => `10.231.${String(i)}.2`
const machineFrom = (i: number) => `10.231.${String(i)}.1`
const INSTANCE_LABEL = 'quayside.container-instance-arn'

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms))

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
    await sleep(250)
  }
}

/** The body of `GET url`, or undefined when nothing answers 200 (within 2 s). */
async function httpGet(url: string): Promise<string | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined)
  return response?.ok === true ? await response.text() : undefined
}

/** One container as `docker ps` lists it, with the agent's labels. */
interface Row {
  id: string
  taskArn: string
  instance: string
}

/** The containers of `clusterArn` on the engine at `host` (undefined: the default), running only. */
async function running(clusterArn: string, host?: string): Promise<Row[]> {
  const { stdout } = await run('docker', [
    ...(host === undefined ? [] : ['-H', host]),
    'ps',
    '--no-trunc',
    '--filter',
    `label=com.amazonaws.ecs.cluster=${clusterArn}`,
    '--format',
    `{{.ID}}|{{.Label "com.amazonaws.ecs.task-arn"}}|{{.Label "${INSTANCE_LABEL}"}}`,
  ])
  return stdout
    .split('\n')
    .filter(line => line !== '')
    .map(line => {
      const [id = '', taskArn = '', instance = ''] = line.split('|')
      return { id, taskArn, instance }
    })
}

/** Removes every container (running or not) of `clusterArn` on the engine at `host`. */
async function removeAll(clusterArn: string, host?: string): Promise<void> {
  const h = host === undefined ? [] : ['-H', host]
  const { stdout } = await run('docker', [
    ...h,
    'ps',
    '-aq',
    '--filter',
    `label=com.amazonaws.ecs.cluster=${clusterArn}`,
  ]).catch(() => ({ stdout: '' }))
  const ids = stdout.split('\n').filter(Boolean)
  if (ids.length > 0) await run('docker', [...h, 'rm', '-f', ...ids])
}

/** True when both simulated hosts' engines answer (they are left as they are found). */
async function hostsRunning(): Promise<boolean> {
  if ((await whyMissing('hosts')) !== undefined) return false
  for (const i of HOSTS) {
    const up = await run('docker', ['-H', hostSocket(i), 'version'], { timeout: 10_000 }).then(
      () => true,
      () => false,
    )
    if (!up) return false
  }
  return true
}

/** httpd on 8080 behind a dynamic host port; httpd as PID 1 ignores SIGTERM, so stop fast. */
const HTTPD: ContainerDefinition = {
  name: 'web',
  image: 'quayside/busybox:test',
  command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
  memory: 16,
  essential: true,
  stopTimeout: 2,
  portMappings: [{ containerPort: 8080 }],
}

await withExternal(t, ['docker'], 'services on real containers', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'quayside-services-'))
  const suffix = randomBytes(4).toString('hex')
  const arnOf = (cluster: string) => `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`
  const onHosts = await hostsRunning()
  t.comment(
    onHosts
      ? 'DAEMON: on the two simulated hosts'
      : 'DAEMON: two agents on this Docker Engine (simulated hosts not running)',
  )
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  }
  delete env['AWS_PROFILE']
  const children = new Set<ChildProcess>()
  /** Clusters and the engines their containers may be on, for the teardown. */
  const cleanup: { clusterArn: string; host?: string }[] = []
  t.teardown(async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue
      const exited = new Promise(done => child.once('exit', done))
      child.kill('SIGKILL')
      await exited
    }
    for (const { clusterArn, host } of cleanup) await removeAll(clusterArn, host)
    await rm(dir, { recursive: true, force: true })
  })

  /** Spawns `command` (quayside's by default) and resolves with its first match of `ready`. */
  const start = async (args: string[], ready: RegExp, command?: string[]): Promise<string> => {
    const [file, ...pre] = command ?? [process.execPath]
    const child = spawn(file ?? process.execPath, [...pre, bin, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    let output = ''
    return new Promise<string>((done, fail) => {
      const onData = (chunk: Buffer) => {
        // kept only until the line is seen: enough to say why a start failed
        if (output.length < 65_536) output += chunk.toString('utf8')
        const found = ready.exec(output)
        if (found?.[1] !== undefined) done(found[1])
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.once('exit', code => {
        fail(new Error(`quayside ${args[0] ?? ''} exited (${String(code)}): ${output}`))
      })
    })
  }

  const port = await start(
    [
      'server',
      ...(onHosts ? ['--host', '0.0.0.0'] : []),
      '--port',
      '0',
      '--data-dir',
      join(dir, 'db'),
      '--log-format',
      'none',
      '--no-throttle',
    ],
    /listening on http:\/\/[\d.]+:(\d+)/,
  )
  const ecs = new ECSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  t.teardown(() => {
    ecs.destroy()
  })

  /** Starts an agent for `cluster`; resolves with its container instance ARN. */
  const agent = (cluster: string, name: string, host?: number) =>
    start(
      [
        'agent',
        '--endpoint',
        host === undefined ? `http://127.0.0.1:${port}` : `http://${machineFrom(host)}:${port}`,
        '--cluster',
        cluster,
        '--state-dir',
        join(dir, name),
        '--no-metadata',
        ...(host === undefined ? [] : ['--docker-host', hostSocket(host)]),
      ],
      / as (\S+) with/,
      host === undefined
        ? undefined
        : ['nsenter', `--net=/var/run/netns/qshost${String(host)}`, process.execPath],
    )

  const describeService = async (cluster: string, name: string): Promise<Service | undefined> =>
    (await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))).services?.[0]
  const serviceTasks = async (
    cluster: string,
    name: string,
    desiredStatus: 'RUNNING' | 'STOPPED',
  ): Promise<Task[]> => {
    const { taskArns = [] } = await ecs.send(
      new ListTasksCommand({ cluster, serviceName: name, desiredStatus }),
    )
    if (taskArns.length === 0) return []
    return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? []
  }
  const hostPortOf = (task: Task) => task.containers?.[0]?.networkBindings?.[0]?.hostPort
  /** Resolves once `count` tasks of the service run, each with its host port bound. */
  const runningTasks = (cluster: string, name: string, count: number) =>
    until(`${String(count)} tasks of ${name} RUNNING with a host port`, async () => {
      const tasks = await serviceTasks(cluster, name, 'RUNNING')
      return tasks.length === count &&
        tasks.every(task => task.lastStatus === 'RUNNING' && hostPortOf(task) !== undefined)
        ? tasks
        : undefined
    })

  await t.test('REPLICA: 3 tasks answer HTTP, a killed one is replaced, 0 leaves none', async t => {
    const cluster = `svc-${suffix}`
    const clusterArn = arnOf(cluster)
    cleanup.push({ clusterArn })
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }))
    await agent(cluster, 'agent-replica')
    await ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'svc-web', containerDefinitions: [HTTPD] }),
    )
    const began = Date.now()
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: 'svc-web',
        desiredCount: 3,
      }),
    )
    const tasks = await runningTasks(cluster, 'web', 3)
    t.comment(`3 tasks RUNNING ${String(Date.now() - began)} ms after CreateService`)
    const ports = tasks.map(task => hostPortOf(task) ?? 0)
    t.equal(new Set(ports).size, 3, 'three distinct dynamic host ports')
    for (const hostPort of ports) {
      const body = await until(`HTTP on ${String(hostPort)}`, () =>
        httpGet(`http://127.0.0.1:${String(hostPort)}/`),
      )
      t.match(body, /hello-quayside/, `the task on host port ${String(hostPort)} answers`)
    }
    const service = await until('runningCount 3', async () => {
      const s = await describeService(cluster, 'web')
      return s?.runningCount === 3 && s.pendingCount === 0 ? s : undefined
    })
    t.equal(service.deployments?.[0]?.runningCount, 3, 'the deployment counts 3 running')
    const containers = await running(clusterArn)
    t.same(
      containers.map(c => c.taskArn).sort(),
      tasks.map(task => task.taskArn).sort(),
      'one running container per task, labelled with its task',
    )

    // (b) kill one container behind the agent's back
    const [victim] = tasks
    const victimArn = victim?.taskArn ?? ''
    const container = containers.find(c => c.taskArn === victimArn)
    const killedAt = Date.now()
    await run('docker', ['kill', container?.id ?? ''])
    const stopped = await until('the killed task STOPPED', async () => {
      const { tasks: [task] = [] } = await ecs.send(
        new DescribeTasksCommand({ cluster, tasks: [victimArn] }),
      )
      return task?.lastStatus === 'STOPPED' ? task : undefined
    })
    t.equal(stopped.stopCode, 'EssentialContainerExited', 'stopCode as ECS gives it')
    t.equal(stopped.stoppedReason, 'Essential container in task exited', 'and its reason')
    t.equal(stopped.containers?.[0]?.exitCode, 137, 'killed: exit code 137')
    const after = await until('a replacement RUNNING', async () => {
      const now = await serviceTasks(cluster, 'web', 'RUNNING')
      return now.length === 3 &&
        !now.some(task => task.taskArn === victimArn) &&
        now.every(task => task.lastStatus === 'RUNNING' && hostPortOf(task) !== undefined)
        ? now
        : undefined
    })
    t.comment(`replaced ${String(Date.now() - killedAt)} ms after docker kill`)
    const kept = tasks.filter(task => task.taskArn !== victimArn).map(task => task.taskArn)
    const fresh = after.filter(task => !kept.includes(task.taskArn))
    t.equal(fresh.length, 1, 'one new task, the other two untouched')
    const freshPort = hostPortOf(fresh[0] ?? {}) ?? 0
    t.match(
      await until('the replacement answers', () =>
        httpGet(`http://127.0.0.1:${String(freshPort)}/`),
      ),
      /hello-quayside/,
      `the replacement answers on host port ${String(freshPort)}`,
    )
    const replaced = await describeService(cluster, 'web')
    t.ok(
      replaced?.events?.some(
        e =>
          e.message ===
          `(service web) has started 1 tasks: (task ${fresh[0]?.taskArn?.split('/').pop() ?? ''}).`,
      ),
      'the replacement is in the service events',
    )

    // (c) scale to 0
    await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 0 }))
    await until('no running container of the service', async () =>
      (await running(clusterArn)).length === 0 ? true : undefined,
    )
    const empty = await until('runningCount 0', async () => {
      const s = await describeService(cluster, 'web')
      return s?.runningCount === 0 && s.pendingCount === 0 ? s : undefined
    })
    t.equal(empty.desiredCount, 0, 'desiredCount 0, runningCount 0')
    t.same(await serviceTasks(cluster, 'web', 'RUNNING'), [], 'no task wants to run')
    for (const task of await serviceTasks(cluster, 'web', 'STOPPED'))
      if (task.taskArn !== victimArn)
        t.equal(task.stopCode, 'ServiceSchedulerInitiated', `${task.taskArn ?? ''} scaled in`)
  })

  await t.test('DAEMON: one container per agent', async t => {
    const cluster = `daemon-${suffix}`
    const clusterArn = arnOf(cluster)
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }))
    /** Each agent's instance, the engine it runs on and the address its tasks answer at. */
    const agents: { instance: string; engine?: string; address: string }[] = []
    if (onHosts)
      for (const i of HOSTS) {
        cleanup.push({ clusterArn, host: hostSocket(i) })
        agents.push({
          instance: await agent(cluster, `agent-host-${String(i)}`, i),
          engine: hostSocket(i),
          address: hostAddress(i),
        })
      }
    else {
      cleanup.push({ clusterArn })
      for (const name of ['agent-daemon-1', 'agent-daemon-2'])
        agents.push({ instance: await agent(cluster, name), address: '127.0.0.1' })
    }
    await ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'svc-daemon', containerDefinitions: [HTTPD] }),
    )
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'node-web',
        taskDefinition: 'svc-daemon',
        schedulingStrategy: 'DAEMON',
      }),
    )
    const tasks = await runningTasks(cluster, 'node-web', agents.length)
    t.same(
      tasks.map(task => task.containerInstanceArn).sort(),
      agents.map(a => a.instance).sort(),
      'one task on each instance',
    )
    for (const a of agents) {
      const rows = (await running(clusterArn, a.engine)).filter(r => r.instance === a.instance)
      t.equal(rows.length, 1, `one running container of ${a.instance}`)
      const task = tasks.find(k => k.containerInstanceArn === a.instance)
      t.equal(rows[0]?.taskArn, task?.taskArn, 'it is that instance’s task')
      const hostPort = hostPortOf(task ?? {}) ?? 0
      t.match(
        await until(`the daemon task at ${a.address}`, () =>
          httpGet(`http://${a.address}:${String(hostPort)}/`),
        ),
        /hello-quayside/,
        `it answers at ${a.address}:${String(hostPort)}`,
      )
    }
    // a few passes later, still one each
    await sleep(3500)
    t.equal(
      (await serviceTasks(cluster, 'node-web', 'RUNNING')).length,
      agents.length,
      'no second task on any instance',
    )
    const service = await describeService(cluster, 'node-web')
    t.equal(service?.runningCount, agents.length, 'runningCount is one per agent')
  })
})
