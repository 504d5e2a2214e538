/**
 * Chaos: a server on SQLite and an agent on the real Docker Engine, each a `quayside` child
 * process, under a stream of RunTask and StopTask calls, while both are killed with SIGKILL at
 * random moments (seeded: QUAYSIDE_CHAOS_SEED, printed) and started again, for five rounds. Once
 * the dust settles:
 * - no acknowledged task is lost: every task a RunTask answered with is still described;
 * - no task has two containers;
 * - no container runs for a task the server holds STOPPED;
 * - every instance's remaining CPU and memory are its registered ones minus the reservations of
 *   its tasks that have not stopped.
 * Every process and container it starts is removed at the end.
 */
import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  CreateClusterCommand,
  type Task,
} from '@aws-sdk/client-ecs'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../support/external.js'

const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/quayside.js')
const run = promisify(execFile)
const ROUNDS = 5
/** Each task's reservation: one container of this cpu and memory. */
const CPU = 10
const MEMORY = 8
/** At most this many tasks kept running at once (Docker on a small machine). */
const MAX_RUNNING = 8

/** A small seeded generator (mulberry32): the same seed gives the same kills and calls. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), a | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms))

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${String(ms)} ms`)
    await sleep(200)
  }
}

/** One `docker ps -a` row of the cluster's containers. */
interface Row {
  id: string
  running: boolean
  taskArn: string
  container: string
}

async function containersOf(clusterArn: string): Promise<Row[]> {
  const { stdout } = await run('docker', [
    'ps',
    '-a',
    '--no-trunc',
    '--filter',
    `label=com.amazonaws.ecs.cluster=${clusterArn}`,
    '--format',
    '{{.ID}}|{{.State}}|{{.Label "com.amazonaws.ecs.task-arn"}}|{{.Label "com.amazonaws.ecs.container-name"}}',
  ])
  return stdout
    .split('\n')
    .filter(line => line !== '')
    .map(line => {
      const [id = '', state = '', taskArn = '', container = ''] = line.split('|')
      return { id, running: state === 'running', taskArn, container }
    })
}

await withExternal(t, ['docker'], 'chaos: kill -9 of the server and the agent', async t => {
  t.setTimeout(120_000)
  const seed = Number(process.env['QUAYSIDE_CHAOS_SEED'] ?? 21)
  t.comment(`seed ${String(seed)} (QUAYSIDE_CHAOS_SEED)`)
  const rand = random(seed)
  const t0 = Date.now()
  const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`
  const dir = await mkdtemp(join(tmpdir(), 'quayside-chaos-'))
  const cluster = `chaos-${String(process.pid)}`
  const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  }
  delete env['AWS_PROFILE']
  const children = new Set<ChildProcess>()
  t.teardown(async () => {
    for (const child of children) {
      const exited = new Promise(done => child.once('exit', done))
      child.kill('SIGKILL')
      await exited
    }
    const ids = (await containersOf(clusterArn)).map(r => r.id)
    if (ids.length > 0) await run('docker', ['rm', '-f', ...ids])
    await rm(dir, { recursive: true, force: true })
  })

  /** Starts a child; resolves once `ready` matches its output (rejects if it exits first). */
  const start = async (
    args: string[],
    ready: RegExp,
  ): Promise<{ child: ChildProcess; match: RegExpExecArray }> => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    child.once('exit', () => children.delete(child))
    let output = ''
    const match = await new Promise<RegExpExecArray>((done, fail) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        const found = ready.exec(output)
        if (found) done(found)
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.once('exit', code => {
        fail(new Error(`quayside ${args[0] ?? ''} exited (${String(code)}): ${output}`))
      })
    })
    return { child, match }
  }
  const kill = async (child: ChildProcess | undefined) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise(done => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }

  let port = 0
  let server: ChildProcess | undefined
  const startServer = async () => {
    const started = await start(
      [
        'server',
        '--port',
        String(port),
        '--data-dir',
        join(dir, 'db'),
        '--log-format',
        'none',
        '--no-throttle',
      ],
      /listening on http:\/\/127\.0\.0\.1:(\d+)/,
    )
    port = Number(started.match[1])
    server = started.child
  }
  await startServer()
  const url = `http://127.0.0.1:${String(port)}`
  const ecs = new ECSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  t.teardown(() => {
    ecs.destroy()
  })
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }))
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'chaos',
      containerDefinitions: [
        {
          name: 'main',
          image: 'quayside/busybox:test',
          command: ['sleep', '600'],
          cpu: CPU,
          memory: MEMORY,
          stopTimeout: 1,
        },
      ],
    }),
  )

  let agent: ChildProcess | undefined
  /** Starts the agent; when the server is down meanwhile it fails to register, and is tried again. */
  const startAgent = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        agent = (
          await start(
            [
              'agent',
              '--endpoint',
              url,
              '--cluster',
              cluster,
              '--state-dir',
              join(dir, 'agent'),
              '--no-metadata',
            ],
            /registered/,
          )
        ).child
        return
      } catch (error) {
        if (attempt >= 20) throw error
        await sleep(250)
      }
    }
  }
  await startAgent()
  const connected = () =>
    until(
      'the agent connected',
      async () => {
        const { containerInstanceArns = [] } = await ecs.send(
          new ListContainerInstancesCommand({ cluster }),
        )
        const { containerInstances = [] } = await ecs.send(
          new DescribeContainerInstancesCommand({
            cluster,
            containerInstances: containerInstanceArns,
          }),
        )
        return containerInstances.some(i => i.agentConnected === true) ? true : undefined
      },
      30_000,
    )
  await connected()
  t.comment(`started at ${at()}`)

  const acknowledged = new Set<string>()
  const running = new Set<string>()
  let calls = 0
  let refused = 0
  for (let round = 0; round < ROUNDS; round++) {
    const length = 1500 + rand() * 1000
    const killServerAt = rand() * length
    const killAgentAt = rand() * length
    const began = Date.now()
    const chaos = [
      (async () => {
        await sleep(killServerAt)
        await kill(server)
        await sleep(100 + rand() * 400)
        const from = Date.now()
        await startServer()
        t.comment(`server back in ${String(Date.now() - from)} ms`)
      })(),
      (async () => {
        await sleep(killAgentAt)
        await kill(agent)
        await sleep(100 + rand() * 400)
        const from = Date.now()
        await startAgent()
        t.comment(`agent back in ${String(Date.now() - from)} ms`)
      })(),
    ]
    while (Date.now() - began < length) {
      calls += 1
      const stop = running.size >= MAX_RUNNING || (running.size > 0 && rand() < 0.4)
      try {
        if (stop) {
          const arns = [...running]
          const arn = arns[Math.floor(rand() * arns.length)] ?? ''
          await ecs.send(new StopTaskCommand({ cluster, task: arn, reason: 'chaos' }))
          running.delete(arn)
        } else {
          const answer = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'chaos' }))
          for (const task of answer.tasks ?? []) {
            acknowledged.add(task.taskArn ?? '')
            running.add(task.taskArn ?? '')
          }
        }
      } catch {
        // the server is down or died mid-call: not acknowledged, nothing to expect of it
        refused += 1
      }
      await sleep(60 + rand() * 60)
    }
    await Promise.all(chaos)
    t.comment(`round ${String(round + 1)} done at ${at()}`)
  }
  t.comment(
    `${String(calls)} calls (${String(refused)} unanswered), ${String(acknowledged.size)} tasks acknowledged`,
  )
  await connected()

  const everyTask = async (): Promise<Task[]> => {
    const arns = new Set(acknowledged)
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      let nextToken: string | undefined
      do {
        const page = await ecs.send(new ListTasksCommand({ cluster, desiredStatus, nextToken }))
        for (const arn of page.taskArns ?? []) arns.add(arn)
        nextToken = page.nextToken
      } while (nextToken !== undefined)
    }
    const tasks: Task[] = []
    const all = [...arns]
    for (let i = 0; i < all.length; i += 100) {
      const answer = await ecs.send(
        new DescribeTasksCommand({ cluster, tasks: all.slice(i, i + 100) }),
      )
      tasks.push(...(answer.tasks ?? []))
    }
    return tasks
  }
  // settled: every task either runs (as wanted) or has stopped, and Docker agrees
  const settled = await until(
    'the cluster settled',
    async () => {
      const tasks = await everyTask()
      const unsettled = tasks.filter(
        task =>
          task.lastStatus !== 'STOPPED' &&
          !(task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING'),
      )
      const rows = await containersOf(clusterArn)
      const stopped = new Set(
        tasks.filter(task => task.lastStatus === 'STOPPED').map(task => task.taskArn),
      )
      const strays = rows.filter(r => r.running && stopped.has(r.taskArn))
      return unsettled.length === 0 && strays.length === 0 ? { tasks, rows } : undefined
    },
    40_000,
  )

  t.comment(`settled at ${at()}`)
  const described = new Set(settled.tasks.map(task => task.taskArn))
  t.same(
    [...acknowledged].filter(arn => !described.has(arn)),
    [],
    '0 acknowledged tasks lost',
  )
  const perTask = new Map<string, number>()
  for (const r of settled.rows) {
    const key = `${r.taskArn} ${r.container}`
    perTask.set(key, (perTask.get(key) ?? 0) + 1)
  }
  t.same(
    [...perTask].filter(([, n]) => n > 1),
    [],
    '0 duplicate containers',
  )
  const stopped = new Set(
    settled.tasks.filter(task => task.lastStatus === 'STOPPED').map(task => task.taskArn),
  )
  t.same(
    settled.rows.filter(r => r.running && stopped.has(r.taskArn)).map(r => r.taskArn),
    [],
    '0 containers running for stopped tasks',
  )
  const runningTasks = settled.tasks.filter(task => task.lastStatus === 'RUNNING')
  for (const task of runningTasks) {
    const live = settled.rows.filter(r => r.taskArn === task.taskArn && r.running)
    t.equal(live.length, 1, `running task ${task.taskArn ?? ''} has its container`)
  }

  const { containerInstanceArns = [] } = await ecs.send(
    new ListContainerInstancesCommand({ cluster }),
  )
  const { containerInstances = [] } = await ecs.send(
    new DescribeContainerInstancesCommand({ cluster, containerInstances: containerInstanceArns }),
  )
  t.ok(containerInstances.length > 0)
  for (const instance of containerInstances) {
    const holding = settled.tasks.filter(
      task =>
        task.containerInstanceArn === instance.containerInstanceArn &&
        task.lastStatus !== 'STOPPED',
    ).length
    const value = (list: typeof instance.remainingResources, name: string) =>
      list?.find(r => r.name === name)?.integerValue
    for (const [name, each] of [
      ['CPU', CPU],
      ['MEMORY', MEMORY],
    ] as const) {
      t.equal(
        value(instance.remainingResources, name),
        (value(instance.registeredResources, name) ?? 0) - holding * each,
        `${name} remaining = registered - ${String(holding)} running reservations`,
      )
    }
  }
})
