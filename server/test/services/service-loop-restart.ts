/**
 * The service scheduler across a server restart on the same store (the SQLite data dir, or the
 * PostgreSQL schema): a service at desiredCount 3 runs on two fake agents; the server stops
 * (orderly, or dying as a crash would) and a new one opens the same store. The loop resumes from
 * the store: nothing is started twice (still exactly the 3 tasks, no launch reaches an agent),
 * nothing is lost (events, deployments), and a task reported STOPPED after the restart is
 * replaced.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import type { RunningServer, ServerOptions } from '../../src/main.js'
import { APP_CONTAINERS, untilConnected } from '../fixtures/cluster.js'
import { fakeAgent, type FakeAgent } from '../fixtures/fake-agent.js'
import { onEachStore } from '../fixtures/postgres-schema.js'
import { client, testServer } from '../fixtures/server.js'

const CLUSTER = 'restart'
const PASS_MS = 200
/** The loop's lease without renewal: max(5 s, three passes), the default for PASS_MS. */
const LEASE_MS = 5000

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

async function describe(ecs: ECSClient): Promise<Service | undefined> {
  const { services = [] } = await ecs.send(
    new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }),
  )
  return services[0]
}

/** Polls the service every 50 ms until `predicate` holds, `ms` at most; resolves to it. */
async function until(
  ecs: ECSClient,
  predicate: (s: Service) => boolean,
  ms = 10_000,
): Promise<Service> {
  const deadline = Date.now() + ms
  let last: Service | undefined
  while (Date.now() < deadline) {
    last = await describe(ecs)
    if (last && predicate(last)) return last
    await sleep(50)
  }
  throw new Error(`service web did not get there in ${String(ms)} ms: ${JSON.stringify(last)}`)
}

async function tasksOf(ecs: ECSClient, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<Task[]> {
  const { taskArns = [] } = await ecs.send(
    new ListTasksCommand({ cluster: CLUSTER, serviceName: 'web', desiredStatus }),
  )
  if (taskArns.length === 0) return []
  const { tasks = [] } = await ecs.send(
    new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }),
  )
  return tasks
}

const arnsOf = (tasks: readonly Task[]) => tasks.map(task => task.taskArn ?? '').sort()

/** Every task ARN the agents were ever told to run. */
const launchedOn = (agents: readonly FakeAgent[]) =>
  new Set(
    agents.flatMap(a =>
      a.payloads.flatMap(p =>
        p.tasks.filter(k => k.desiredStatus === 'RUNNING').map(k => k.taskArn),
      ),
    ),
  )

/** Connects a fake agent (reporting as a real one would) for each instance, or registers two. */
async function agentsOn(
  t: Test,
  server: RunningServer,
  ecs: ECSClient,
  instances: readonly (string | undefined)[],
): Promise<FakeAgent[]> {
  const agents: FakeAgent[] = []
  for (const containerInstanceArn of instances) {
    const agent = await fakeAgent(t, server, {
      cluster: CLUSTER,
      autoReport: true,
      ...(containerInstanceArn === undefined ? {} : { containerInstanceArn }),
    })
    await agent.connect()
    await untilConnected(ecs, CLUSTER, agent.containerInstanceArn)
    agents.push(agent)
  }
  return agents
}

type Stop = 'close' | 'abort'

async function restartSuite(t: Test, storeOptions: ServerOptions, stop: Stop): Promise<void> {
  // registered first, so it runs after the servers' own teardowns
  const dataDir = mkdtempSync(join(tmpdir(), 'quayside-restart-'))
  t.teardown(() => {
    rmSync(dataDir, { recursive: true, force: true })
  })
  const options: ServerOptions = { ...storeOptions, dataDir, servicePassIntervalMs: PASS_MS }
  const first = await testServer(t, options)
  const ecs1 = client(first)
  await ecs1.send(new CreateClusterCommand({ clusterName: CLUSTER }))
  await ecs1.send(
    new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: APP_CONTAINERS }),
  )
  const before = await agentsOn(t, first, ecs1, [undefined, undefined])
  await ecs1.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 3,
    }),
  )
  // (ECS's steady state waits for the tasks to count as healthy, 40 s without a health check)
  const steady = await until(
    ecs1,
    s =>
      s.runningCount === 3 &&
      s.pendingCount === 0 &&
      (s.events ?? []).some(
        e => e.message?.startsWith('(service web) has started 3 tasks') === true,
      ),
  )
  const running = await tasksOf(ecs1, 'RUNNING')
  t.equal(running.length, 3, 'three tasks before the restart')

  if (stop === 'close') await first.close()
  else await first.abort()
  for (const agent of before) await agent.close()
  const restartedAt = Date.now()

  const second = await testServer(t, options)
  const ecs = client(second)
  const after = await agentsOn(
    t,
    second,
    ecs,
    before.map(a => a.containerInstanceArn),
  )
  const resumed = await describe(ecs)
  t.same(
    resumed?.events?.map(e => e.id),
    steady.events?.map(e => e.id),
    'every event is still there, in order',
  )
  t.same(
    resumed?.deployments?.map(d => [d.id, d.status, d.taskDefinition, d.desiredCount]),
    steady.deployments?.map(d => [d.id, d.status, d.taskDefinition, d.desiredCount]),
    'the deployments are the same',
  )
  t.equal(resumed?.desiredCount, 3)
  t.equal(resumed?.runningCount, 3, 'the tasks are counted as RUNNING from the store')

  // A task stops after the restart: the loop, resumed, replaces it (and only it).
  const [victim] = running
  const agentOf = after.find(a => a.containerInstanceArn === victim?.containerInstanceArn)
  const victimArn = victim?.taskArn ?? ''
  await agentOf?.report(victimArn, 'STOPPED', {
    containers: APP_CONTAINERS.map(c => ({
      containerName: c.name,
      status: 'STOPPED',
      exitCode: 137,
    })),
  })
  const reportedAt = Date.now()
  // On SQLite only one process serves the file, so the lease of a process that is gone is void;
  // on PostgreSQL a dead replica's lease is waited out (another replica might hold it).
  const within = storeOptions.store === undefined || stop === 'close' ? 3000 : LEASE_MS + 5000
  const replaced = await until(
    ecs,
    s => s.runningCount === 3 && s.pendingCount === 0,
    within,
  ).catch(() => undefined)
  t.ok(replaced, `the stopped task is replaced within ${String(within)} ms of its report`)
  t.comment(
    `replaced ${String(Date.now() - reportedAt)} ms after the report, ${String(Date.now() - restartedAt)} ms after the restart`,
  )
  // a few passes more: nothing else starts
  await sleep(5 * PASS_MS)
  const now = await tasksOf(ecs, 'RUNNING')
  t.equal(now.length, 3, 'exactly 3 tasks desired RUNNING')
  t.same(arnsOf(await tasksOf(ecs, 'STOPPED')), [victimArn], 'only the reported task stopped')
  const kept = arnsOf(running).filter(arn => arn !== victimArn)
  t.same(
    arnsOf(now).filter(arn => arn !== victimArn && kept.includes(arn)),
    kept,
    'the other two run on',
  )
  const fresh = arnsOf(now).filter(arn => !kept.includes(arn))
  t.equal(fresh.length, 1, 'one new task')
  t.same(
    [...launchedOn(after)].sort(),
    [...arnsOf(running), ...fresh].sort(),
    'the agents were told to run the tasks they had and the replacement, nothing more',
  )
  const service = await describe(ecs)
  t.equal(service?.deployments?.length, 1)
  t.equal(service?.deployments?.[0]?.runningCount, 3)
  const newest = service?.events?.find(e => e.message?.startsWith('(service web) has started'))
  t.equal(
    newest?.message,
    `(service web) has started 1 tasks: (task ${fresh[0]?.split('/').pop() ?? ''}).`,
    'the replacement is in the events',
  )
}

for (const stop of ['close', 'abort'] as const)
  await t.test(stop === 'close' ? 'an orderly restart' : 'a restart after a crash', async t => {
    await onEachStore(t, `service_restart_${stop}`, (t, options) => restartSuite(t, options, stop))
  })
