/**
 * The service scheduler through the API, with fake agents over the real channel that report
 * RUNNING and STOPPED as a real agent would (autoReport).
 */
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import t, { type Test } from 'tap'
import type { ServerOptions } from '../../src/main.js'
import { clusterWithAgent, type ReadyCluster } from '../fixtures/cluster.js'

const FAST = { servicePassIntervalMs: 200 }

/** Polls the service (every 50 ms, 10 s at most) until `predicate` holds; returns it. */
async function until(
  ecs: ECSClient,
  cluster: string,
  name: string,
  predicate: (s: Service) => boolean,
): Promise<Service> {
  let last: Service | undefined
  for (let i = 0; i < 200; i++) {
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster, services: [name] }),
    )
    last = services[0]
    if (last && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`service ${name} did not get there: ${JSON.stringify(last)}`)
}

/** The service's tasks with the given desired status. */
async function tasksOf(
  ecs: ECSClient,
  cluster: string,
  name: string,
  desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING',
): Promise<Task[]> {
  const { taskArns = [] } = await ecs.send(
    new ListTasksCommand({ cluster, serviceName: name, desiredStatus }),
  )
  if (taskArns.length === 0) return []
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))
  return tasks
}

const messages = (s: Service) => (s.events ?? []).map(e => e.message ?? '')

/**
 * A cluster with one fake agent that reports as a real one would, and the service `web` of
 * `desiredCount` app tasks, the scheduler passing every 200 ms (or as `server` says).
 */
async function webService(
  t: Test,
  desiredCount: number,
  options: { server?: ServerOptions; memory?: number } = {},
): Promise<ReadyCluster> {
  const made = await clusterWithAgent(t, {
    server: { ...FAST, ...options.server },
    agent: {
      autoReport: true,
      ...(options.memory === undefined ? {} : { memory: options.memory }),
    },
  })
  await made.ecs.send(
    new CreateServiceCommand({
      cluster: made.cluster,
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount,
    }),
  )
  return made
}

t.test('desiredCount 3: three tasks RUNNING, counts true, a steady state', async t => {
  // Steady needs the tasks healthy: without health checks, RUNNING for 40 s by the clock.
  const { ecs, cluster } = await webService(t, 3, {
    server: { serviceClock: () => Date.now() + 40_000 },
  })
  const steady = await until(ecs, cluster, 'web', s =>
    messages(s).includes('(service web) has reached a steady state.'),
  )
  t.equal(steady.runningCount, 3)
  t.equal(steady.pendingCount, 0)
  const deployment = steady.deployments?.[0]
  t.equal(deployment?.runningCount, 3)
  t.equal(deployment?.pendingCount, 0)
  const tasks = await tasksOf(ecs, cluster, 'web')
  t.equal(tasks.length, 3)
  for (const task of tasks) {
    t.equal(task.lastStatus, 'RUNNING')
    t.equal(task.group, 'service:web')
    t.equal(task.startedBy, deployment?.id)
  }
  const ids = tasks.map(task => `(task ${task.taskArn?.split('/').pop() ?? ''})`).sort()
  const started = messages(steady).find(m => m.startsWith('(service web) has started 3 tasks: '))
  t.ok(started, 'one event names the three tasks started')
  t.same(
    started
      ?.slice(started.indexOf(': ') + 2, -1)
      .split(' (')
      .map((p, i) => (i ? `(${p}` : p))
      .sort(),
    ids,
  )
  t.equal(messages(steady)[0], '(service web) has reached a steady state.', 'newest first')
})

t.test('a task reported STOPPED is replaced', async t => {
  const { ecs, cluster, agent } = await webService(t, 2)
  await until(ecs, cluster, 'web', s => s.runningCount === 2)
  const [victim] = await tasksOf(ecs, cluster, 'web')
  const arn = victim?.taskArn ?? ''
  await agent.report(arn, 'STOPPED', {
    containers: [
      { containerName: 'a', status: 'STOPPED', exitCode: 137 },
      { containerName: 'b', status: 'STOPPED', exitCode: 137 },
    ],
  })
  await until(ecs, cluster, 'web', s => s.runningCount === 2 && s.pendingCount === 0)
  const running = await tasksOf(ecs, cluster, 'web')
  t.equal(running.length, 2)
  t.notOk(
    running.some(task => task.taskArn === arn),
    'the stopped task is not among the running ones',
  )
})

t.test(
  'a deregistered revision still replaces a stopped task, as ECS lets a service scale',
  async t => {
    const { ecs, cluster, agent } = await webService(t, 2)
    await until(ecs, cluster, 'web', s => s.runningCount === 2)
    const [victim] = await tasksOf(ecs, cluster, 'web')
    await ecs.send(
      new DeregisterTaskDefinitionCommand({ taskDefinition: victim?.taskDefinitionArn }),
    )
    await agent.report(victim?.taskArn ?? '', 'STOPPED', {
      containers: [
        { containerName: 'a', status: 'STOPPED', exitCode: 137 },
        { containerName: 'b', status: 'STOPPED', exitCode: 137 },
      ],
    })
    await until(ecs, cluster, 'web', s => s.runningCount === 2 && s.pendingCount === 0)
    const running = await tasksOf(ecs, cluster, 'web')
    t.notOk(
      running.some(task => task.taskArn === victim?.taskArn),
      'a replacement runs',
    )
    t.equal(running[0]?.taskDefinitionArn, victim?.taskDefinitionArn)
  },
)

t.test('scale to 0 stops every task with ServiceSchedulerInitiated', async t => {
  const { ecs, cluster } = await webService(t, 2)
  await until(ecs, cluster, 'web', s => s.runningCount === 2)
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 0 }))
  const empty = await until(ecs, cluster, 'web', s => s.runningCount === 0 && s.pendingCount === 0)
  t.ok(
    messages(empty).some(m =>
      /^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(
        m,
      ),
    ),
  )
  t.same(await tasksOf(ecs, cluster, 'web'), [], 'no task wants to run')
  const stopped = await tasksOf(ecs, cluster, 'web', 'STOPPED')
  t.equal(stopped.length, 2)
  for (const task of stopped) {
    t.equal(task.stopCode, 'ServiceSchedulerInitiated')
    t.match(task.stoppedReason, /^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/)
  }
})

t.test('what does not fit is said in the events, and the rest runs', async t => {
  // app holds 96 MiB: two fit in 200 MiB, the third does not.
  const { ecs, cluster, agent } = await webService(t, 3, { memory: 200 })
  const id = agent.containerInstanceArn.split('/').pop() ?? ''
  const want = `(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${id}) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`
  const service = await until(
    ecs,
    cluster,
    'web',
    s => s.runningCount === 2 && messages(s).includes(want),
  )
  t.equal(service.desiredCount, 3)
  // Later passes repeat the failure; the duplicate is suppressed.
  await new Promise(resolve => setTimeout(resolve, 600))
  const later = await until(ecs, cluster, 'web', () => true)
  t.equal(messages(later).filter(m => m === want).length, 1, 'said once')
  t.equal(later.runningCount, 2)
})

t.test('DeleteService with force stops the tasks: DRAINING, then INACTIVE', async t => {
  const { ecs, cluster } = await webService(t, 2)
  await until(ecs, cluster, 'web', s => s.runningCount === 2)
  const deleted = await ecs.send(new DeleteServiceCommand({ cluster, service: 'web', force: true }))
  t.equal(deleted.service?.status, 'DRAINING')
  const gone = await until(ecs, cluster, 'web', s => s.status === 'INACTIVE')
  t.equal(gone.runningCount, 0)
  t.same(await tasksOf(ecs, cluster, 'web'), [])
})

t.test('the launch pace is a server option', async t => {
  const { ecs, cluster } = await webService(t, 3, { server: { serviceLaunchesPerMinute: 2 } })
  await until(ecs, cluster, 'web', s => s.runningCount === 2)
  await new Promise(resolve => setTimeout(resolve, 600))
  const held = await until(ecs, cluster, 'web', () => true)
  t.equal(held.runningCount, 2, 'the third waits for the minute to pass')
  t.equal((await tasksOf(ecs, cluster, 'web')).length, 2)
})
