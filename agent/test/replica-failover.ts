/**
 * Failover between replicas: two server replicas (processes of their own) on one PostgreSQL
 * schema, one agent given both endpoints. The replica holding the agent's channel is killed with
 * SIGKILL; within the heartbeat grace the agent's channel is open on the other, and a task that
 * replica places reaches the agent.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ECS } from '@quayside/sdk'
import pg from 'pg'
import t from 'tap'
import { postgresUrl, withExternal } from '../../test/support/external.js'
import { startAgent } from '../src/agent.js'
import { fakeRuntime } from './fixtures/fake-runtime.js'
import { until } from './fixtures/until.js'

const FIXTURE = fileURLToPath(new URL('fixtures/replica-process.ts', import.meta.url))
const HEARTBEAT_MS = 500
const GRACE_MS = 3000

await withExternal(t, ['postgres'], 'an agent fails over when its replica dies', async t => {
  const schema = `failover_${String(process.pid)}`
  const dropSchema = async () => {
    const db = new pg.Client({ connectionString: postgresUrl })
    await db.connect()
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await db.end()
  }
  await dropSchema()
  const dir = await mkdtemp(join(tmpdir(), 'agent-failover-'))
  const children = new Set<ChildProcess>()
  t.teardown(async () => {
    for (const child of children) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    await dropSchema()
  })

  /** Starts a replica; resolves with its process and URL once it serves. */
  async function replica(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: {
        ...process.env,
        QUAYSIDE_TEST_STORE: `${postgresUrl}?schema=${schema}`,
        QUAYSIDE_TEST_HEARTBEAT_MS: String(HEARTBEAT_MS),
        QUAYSIDE_TEST_GRACE_MS: String(GRACE_MS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.add(child)
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        const match = /listening (\S+)/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', code => {
        reject(new Error(`the replica exited (${String(code)}) before listening`))
      })
    })
    return { child, url }
  }
  // one after the other: both would create the schema at once otherwise
  const a = await replica()
  const b = await replica()
  const client = (url: string) =>
    new ECS({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
  const ecsA = client(a.url)
  t.teardown(() => ecsA.close())
  const cluster = 'failover'
  await ecsA.createCluster({ clusterName: cluster })
  await ecsA.registerTaskDefinition({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'web-image', memory: 32 }],
  })

  const runtime = fakeRuntime({ images: ['web-image'] })
  const moves: string[] = []
  const agent = await startAgent({
    endpoint: [b.url, a.url],
    cluster,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    runtime,
    stateDir: join(dir, 'state'),
    metadataEndpoint: false,
    heartbeatIntervalMs: HEARTBEAT_MS,
    backoffMs: 50,
    retryDelayMs: 20,
    onError: error => {
      if (String(error).includes('does not answer')) moves.push(String(error))
    },
  })
  t.teardown(() => agent.close())
  const instance = agent.registration.containerInstanceArn
  const connected = async () => {
    const { containerInstances } = await ecsA.describeContainerInstances({
      cluster,
      containerInstances: [instance],
    })
    return containerInstances?.[0]?.agentConnected === true ? true : undefined
  }
  await until('the agent connected through replica B', connected)
  t.equal(agent.channel.connections, 1)
  const discovered = await ecsA.discoverPollEndpoint({ cluster, containerInstance: instance })
  t.equal(discovered.endpoint, `${a.url}/`, 'A names itself: B holds more agents only by one')

  const killed = Date.now()
  const exited = new Promise(resolve => b.child.once('exit', resolve))
  b.child.kill('SIGKILL')
  await exited
  children.delete(b.child)
  await until('the channel open again, on replica A', () =>
    Promise.resolve(agent.channel.connections >= 2 ? true : undefined),
  )
  const took = Date.now() - killed
  t.ok(
    took < GRACE_MS,
    `reconnected to A ${String(took)} ms after B died (grace ${String(GRACE_MS)} ms)`,
  )
  t.match(moves, [new RegExp(`${b.url} does not answer: using ${a.url}`)], 'API calls moved to A')

  const run = await ecsA.runTask({ cluster, taskDefinition: 'web' })
  t.same(run.failures, [])
  const taskArn = run.tasks?.[0]?.taskArn ?? ''
  await until('the task placed by A reached the agent', () =>
    Promise.resolve(agent.engine.manager(taskArn) ? true : undefined),
  )
  await until('and runs, reported through A', async () => {
    const { tasks } = await ecsA.describeTasks({ cluster, tasks: [taskArn] })
    return tasks?.[0]?.lastStatus === 'RUNNING' ? true : undefined
  })
  t.pass('a task run after the failover reached the agent and runs')
})
