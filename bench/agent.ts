/**
 * `npm run bench -- agent`: RunTask → RUNNING latency with a quayside server (in this process,
 * SQLite in a temp dir) and a real agent on the local Docker Engine, alternating in one run with a
 * bare Engine API create + start (dockerode) of the same container: quayside/busybox:test running
 * httpd, a dynamic host port for 8080/tcp, bridge network, 64 MiB, the same CPU shares.
 * BENCH_AGENT_SAMPLES sets the number of samples of each (default 50).
 *
 * quayside: from the RunTask call until DescribeTasks shows lastStatus RUNNING. Polling is kept
 * out of the way: the agent's runtime is wrapped to timestamp its Docker calls, and DescribeTasks
 * is polled every 2 ms only once the agent's start call has returned, so the polls (which share
 * this process with the server and the agent) cover just the report path and add at most ~2 ms.
 * The same timestamps give the breakdown (channel delivery, pull check, create, start, report).
 * bare: from the create call until start returns (the container is running).
 *
 * Goal (issue #5): quayside within 1.2x of bare at p50 and p99. A missed goal is reported, not an
 * error. Needs Docker, the image (../shared/scripts/start-docker.sh) and a build (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  cpuShares,
  DockerodeRuntime,
  startAgent,
  type ContainerCreateConfig,
} from '@quayside/agent'
import { ECS } from '@quayside/sdk'
import { startServer } from '@quayside/server'
import Docker from 'dockerode'

const SAMPLES = Number(process.env['BENCH_AGENT_SAMPLES'] ?? 50)
const WARMUP = 3
const IMAGE = 'quayside/busybox:test'
const CLUSTER = 'bench-agent'
const BENCH_LABEL = 'quayside.bench'
const COMMAND = ['httpd', '-f', '-p', '8080', '-h', '/www']
const MEMORY_MIB = 64
const GOAL = 1.2

const now = () => performance.timeOrigin + performance.now()

/** One Docker call the agent made during the current sample. */
interface Call {
  readonly method: string
  readonly start: number
  end: number
}
let calls: Call[] = []

/** The agent's runtime, timestamping the calls on the RunTask → RUNNING path. */
class TimedRuntime extends DockerodeRuntime {
  async #timed<T>(method: string, call: () => Promise<T>): Promise<T> {
    const entry: Call = { method, start: now(), end: Number.NaN }
    calls.push(entry)
    try {
      return await call()
    } finally {
      entry.end = now()
    }
  }
  override imageExists(image: string) {
    return this.#timed('imageExists', () => super.imageExists(image))
  }
  override createContainer(config: ContainerCreateConfig) {
    return this.#timed('createContainer', () => super.createContainer(config))
  }
  override startContainer(id: string) {
    return this.#timed('startContainer', () => super.startContainer(id))
  }
  override inspectContainer(id: string) {
    return this.#timed('inspectContainer', () => super.inspectContainer(id))
  }
}

/** Stages of one quayside sample, in ms, from the RunTask call on. */
interface Stages {
  readonly answer: number
  readonly delivery: number
  readonly pullCheck: number
  readonly toCreate: number
  readonly create: number
  readonly toStart: number
  readonly start: number
  readonly inspect: number
  readonly report: number
}
/** The stages that add up to the total, and the RunTask answer (which overlaps them). */
const STAGES: readonly [keyof Stages, string][] = [
  ['delivery', 'RunTask call → image check (placement, channel)'],
  ['pullCheck', 'image check (imageExists)'],
  ['toCreate', 'image checked → create call'],
  ['create', 'create call'],
  ['toStart', 'create returned → start call'],
  ['start', 'start call'],
  ['inspect', 'start returned → inspected (network bindings)'],
  ['report', 'inspected → DescribeTasks RUNNING (report + poll)'],
  ['answer', '(RunTask call → its answer, overlaps the above)'],
]

function stages(runTask: number, answered: number, running: number): Stages {
  const first = (method: string, after = 0) => {
    const call = calls.find(c => c.method === method && c.start >= after)
    if (!call) throw new Error(`the agent made no ${method} call`)
    return call
  }
  const exists = first('imageExists')
  const create = first('createContainer')
  const start = first('startContainer')
  const inspect = first('inspectContainer', start.end)
  return {
    answer: answered - runTask,
    delivery: exists.start - runTask,
    pullCheck: exists.end - exists.start,
    toCreate: create.start - exists.end,
    create: create.end - create.start,
    toStart: start.start - create.end,
    start: start.end - start.start,
    inspect: inspect.end - start.end,
    report: running - inspect.end,
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

async function main(): Promise<number> {
  const docker = new Docker()
  try {
    await docker.getImage(IMAGE).inspect()
  } catch {
    // like a test without its external: say why, measure nothing, and do not fail the other parts
    console.log(`bench agent skipped: no Docker Engine or no ${IMAGE} (start-docker.sh makes both)`)
    return 0
  }
  const dir = mkdtempSync(join(tmpdir(), 'quayside-bench-agent-'))
  const server = await startServer({ port: 0, dataDir: join(dir, 'db'), logFormat: 'none' })
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
  const ecs = new ECS({ endpoint: server.url, region: 'us-east-1', credentials })
  const errors: unknown[] = []
  const agent = await startAgent({
    endpoint: server.url,
    cluster: CLUSTER,
    region: 'us-east-1',
    credentials,
    runtime: new TimedRuntime(),
    stateDir: join(dir, 'agent'),
    metadataEndpoint: false,
    engine: { cleanupDelayMs: 60 * 60_000 },
    onError: error => errors.push(error),
  })
  const removeAll = async () => {
    // the agent labels its containers with the cluster's ARN (the account is the server's default)
    const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${CLUSTER}`
    for (const label of [`com.amazonaws.ecs.cluster=${clusterArn}`, `${BENCH_LABEL}=bare`]) {
      const found = await docker.listContainers({ all: true, filters: { label: [label] } })
      await Promise.all(found.map(c => docker.getContainer(c.Id).remove({ force: true })))
    }
  }
  try {
    await removeAll()
    for (let i = 0; ; i++) {
      const { containerInstances } = await ecs.describeContainerInstances({
        cluster: CLUSTER,
        containerInstances: [agent.registration.containerInstanceArn],
      })
      if (containerInstances?.[0]?.agentConnected === true) break
      if (i > 500) throw new Error('the agent did not connect within 10 s')
      await sleep(20)
    }
    await ecs.registerTaskDefinition({
      family: 'bench-agent',
      networkMode: 'bridge',
      containerDefinitions: [
        {
          name: 'httpd',
          image: IMAGE,
          command: COMMAND,
          memory: MEMORY_MIB,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        },
      ],
    })
    const describe = async (arn: string) =>
      (await ecs.describeTasks({ cluster: CLUSTER, tasks: [arn] })).tasks?.[0]

    /** One RunTask → RUNNING; then kills and removes the container (not timed). */
    const quayside = async (): Promise<{ total: number; stages: Stages }> => {
      calls = []
      const started = now()
      const { tasks, failures } = await ecs.runTask({
        cluster: CLUSTER,
        taskDefinition: 'bench-agent',
      })
      const answered = now()
      const arn = tasks?.[0]?.taskArn
      if (arn === undefined) throw new Error(`RunTask placed nothing: ${JSON.stringify(failures)}`)
      const deadline = started + 60_000
      while (!calls.some(c => c.method === 'startContainer' && !Number.isNaN(c.end))) {
        if (now() > deadline) throw new Error(`${arn}: the agent never started it`)
        await sleep(1)
      }
      let task = await describe(arn)
      while (task?.lastStatus !== 'RUNNING') {
        if (now() > deadline) throw new Error(`${arn}: not RUNNING (${String(task?.lastStatus)})`)
        await sleep(2)
        task = await describe(arn)
      }
      const running = now()
      const result = { total: running - started, stages: stages(started, answered, running) }
      const id = task.containers?.[0]?.runtimeId ?? ''
      await docker.getContainer(id).kill()
      while ((await describe(arn))?.lastStatus !== 'STOPPED') await sleep(10)
      await docker.getContainer(id).remove({ force: true })
      return result
    }

    /** One bare create + start of the same container; then removes it (not timed). */
    const bare = async (i: number): Promise<{ total: number; create: number }> => {
      const started = now()
      const container = await docker.createContainer({
        name: `quayside-bench-bare-${String(process.pid)}-${String(i)}`,
        Image: IMAGE,
        Cmd: COMMAND,
        Labels: { [BENCH_LABEL]: 'bare' },
        ExposedPorts: { '8080/tcp': {} },
        HostConfig: {
          NetworkMode: 'bridge',
          PortBindings: { '8080/tcp': [{ HostPort: '' }] },
          Memory: MEMORY_MIB * 1024 * 1024,
          // what the agent sets for a container without `cpu`, so both get the same CPU weight
          CpuShares: cpuShares(undefined),
        },
      })
      const created = now()
      await container.start()
      const elapsed = now() - started
      await container.remove({ force: true })
      return { total: elapsed, create: created - started }
    }

    const load = loadavg().map(l => l.toFixed(2))
    for (let i = 0; i < WARMUP; i++) {
      await quayside()
      await bare(-1 - i)
    }
    const ours: number[] = []
    const theirs: number[] = []
    const breakdown: Stages[] = []
    const bareCreate: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      // alternate, and swap who goes first, so drift on the machine hits both alike
      const q = async () => {
        const r = await quayside()
        ours.push(r.total)
        breakdown.push(r.stages)
      }
      const b = async () => {
        const r = await bare(i)
        theirs.push(r.total)
        bareCreate.push(r.create)
      }
      if (i % 2 === 0) await q().then(b)
      else await b().then(q)
    }
    report(ours, theirs, breakdown, bareCreate, load)
    const unexpected = errors.filter(e => !/socket|closed/i.test(String(e)))
    if (unexpected.length > 0) console.log(`agent errors: ${unexpected.map(String).join('; ')}`)
    return 0
  } finally {
    await agent.close()
    await removeAll()
    await ecs.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function report(
  ours: number[],
  theirs: number[],
  breakdown: Stages[],
  bareCreate: number[],
  load: string[],
): void {
  const row = (name: string, v: number[]) => [
    name,
    String(v.length),
    ...[0.5, 0.9, 0.99].map(q => quantile(v, q).toFixed(1)),
    Math.min(...v).toFixed(1),
    Math.max(...v).toFixed(1),
  ]
  const rows = [
    ['path', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'min ms', 'max ms'],
    row('quayside RunTask → RUNNING', ours),
    row('bare create + start', theirs),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map(r => r[i]!.length)))
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '))
  console.log('')
  console.log('quayside breakdown (ms)                                  p50     p99')
  for (const [key, label] of STAGES) {
    const values = breakdown.map(s => s[key])
    const p50 = quantile(values, 0.5).toFixed(1).padStart(6)
    console.log(`  ${label.padEnd(54)} ${p50}  ${quantile(values, 0.99).toFixed(1).padStart(6)}`)
  }
  const bareStart = theirs.map((total, i) => total - (bareCreate[i] ?? 0))
  for (const [label, values] of [
    ['bare: create call', bareCreate],
    ['bare: start call', bareStart],
  ] as const) {
    const p50 = quantile(values, 0.5).toFixed(1).padStart(6)
    console.log(`  ${label.padEnd(54)} ${p50}  ${quantile(values, 0.99).toFixed(1).padStart(6)}`)
  }
  console.log(`load average at start: ${load.join(' ')}; at end: ${loadavg()[0]!.toFixed(2)}`)
  console.log('')
  const figures = {
    p50: quantile(ours, 0.5),
    p99: quantile(ours, 0.99),
    bareP50: quantile(theirs, 0.5),
    bareP99: quantile(theirs, 0.99),
  }
  const p50Ratio = figures.p50 / figures.bareP50
  const p99Ratio = figures.p99 / figures.bareP99
  console.log(`agent.run_task_to_running_p50 = ${figures.p50.toFixed(1)} ms`)
  console.log(`agent.run_task_to_running_p99 = ${figures.p99.toFixed(1)} ms`)
  console.log(`agent.bare_p50 = ${figures.bareP50.toFixed(1)} ms`)
  console.log(`agent.bare_p99 = ${figures.bareP99.toFixed(1)} ms`)
  console.log(`agent.p50_vs_bare = ${p50Ratio.toFixed(2)} x`)
  console.log(`agent.p99_vs_bare = ${p99Ratio.toFixed(2)} x`)
  console.log('')
  const missed = [
    ...(p50Ratio > GOAL ? [`agent.p50_vs_bare ${p50Ratio.toFixed(2)} x > ${String(GOAL)} x`] : []),
    ...(p99Ratio > GOAL ? [`agent.p99_vs_bare ${p99Ratio.toFixed(2)} x > ${String(GOAL)} x`] : []),
  ]
  console.log(
    missed.length === 0
      ? `all goals met (quayside within ${String(GOAL)}x of bare)`
      : `goals missed:\n  ${missed.join('\n  ')}`,
  )
}

process.exitCode = await main()
