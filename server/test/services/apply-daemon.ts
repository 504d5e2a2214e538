/**
 * DAEMON services through the API, with fake agents over the real channel that report RUNNING and
 * STOPPED as a real agent would. The periodic pass runs once a minute here unless a test says
 * otherwise, so what happens is woken by the changes themselves: CreateService, an instance that
 * registers and connects, UpdateContainerInstancesState, PutAttributes and DeleteAttributes.
 */
import {
  CreateServiceCommand,
  DeleteAttributesCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  PutAttributesCommand,
  StartTaskCommand,
  UpdateContainerInstancesStateCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import t, { type Test } from 'tap'
import type { ServerOptions } from '../../src/main.js'
import { clusterWithAgent, untilConnected, type ReadyCluster } from '../fixtures/cluster.js'
import { fakeAgent, type FakeAgent } from '../fixtures/fake-agent.js'

/** Polls the service (every 50 ms, 10 s at most) until `predicate` holds; returns it. */
async function until(
  ecs: ECSClient,
  cluster: string,
  predicate: (s: Service) => boolean,
): Promise<Service> {
  let last: Service | undefined
  for (let i = 0; i < 200; i++) {
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster, services: ['d'] }),
    )
    last = services[0]
    if (last && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`service d did not get there: ${JSON.stringify(last)}`)
}

/** The service's tasks with the given desired status. */
async function tasksOf(
  ecs: ECSClient,
  cluster: string,
  desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING',
): Promise<Task[]> {
  const { taskArns = [] } = await ecs.send(
    new ListTasksCommand({ cluster, serviceName: 'd', desiredStatus }),
  )
  if (taskArns.length === 0) return []
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))
  return tasks
}

const messages = (s: Service) => (s.events ?? []).map(e => e.message ?? '')
const idOf = (arn: string | undefined) => arn?.split('/').pop() ?? ''
const steadyNow = (s: Service) => messages(s)[0] === '(service d) has reached a steady state.'

interface DaemonCluster extends ReadyCluster {
  readonly agents: FakeAgent[]
  /** Registers and connects one more agent (2048 CPU, 4096 MiB unless told otherwise). */
  addAgent(options?: {
    memory?: number
    attributes?: { name: string; value?: string }[]
  }): Promise<FakeAgent>
}

/**
 * A cluster of `count` connected fake agents reporting as real ones would, the scheduler's
 * periodic pass once a minute (or as `server` says); no service yet.
 */
async function daemonCluster(
  t: Test,
  count: number,
  server: ServerOptions = {},
): Promise<DaemonCluster> {
  const made = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 60_000, ...server },
    agent: { autoReport: true },
  })
  const agents = [made.agent]
  const addAgent: DaemonCluster['addAgent'] = async (options = {}) => {
    const agent = await fakeAgent(t, made.server, {
      cluster: made.cluster,
      autoReport: true,
      ...options,
    })
    await agent.connect()
    await untilConnected(made.ecs, made.cluster, agent.containerInstanceArn)
    agents.push(agent)
    return agent
  }
  for (let i = 1; i < count; i++) await addAgent()
  return { ...made, agents, addAgent }
}

const createDaemon = (
  { ecs, cluster }: ReadyCluster,
  extra: Partial<ConstructorParameters<typeof CreateServiceCommand>[0]> = {},
) =>
  ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'd',
      taskDefinition: 'app',
      schedulingStrategy: 'DAEMON',
      ...extra,
    }),
  )

t.test('two instances: one task on each, counts true, a steady state', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster, agents } = made
  const created = await createDaemon(made)
  t.equal(created.service?.desiredCount, 0, 'nothing counted before the first pass')
  const steady = await until(ecs, cluster, s => s.runningCount === 2 && steadyNow(s))
  t.equal(steady.desiredCount, 2, 'desiredCount follows the eligible instances')
  t.equal(steady.pendingCount, 0)
  t.equal(steady.deployments?.length, 1)
  t.match(steady.deployments?.[0], {
    status: 'PRIMARY',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    rolloutState: 'COMPLETED',
  })
  const tasks = await tasksOf(ecs, cluster)
  t.same(
    tasks.map(task => task.containerInstanceArn).sort(),
    agents.map(a => a.containerInstanceArn).sort(),
    'one task per instance',
  )
  for (const task of tasks) {
    t.equal(task.group, 'service:d')
    t.equal(task.startedBy, steady.deployments?.[0]?.id)
  }
  t.ok(
    messages(steady).some(m =>
      /^\(service d\) has started 2 tasks: \(task \w+\) \(task \w+\)\.$/.test(m),
    ),
    'the start is an event',
  )
  t.ok(
    messages(steady).includes(
      `(service d) (deployment ${steady.deployments?.[0]?.id ?? ''}) deployment completed.`,
    ),
  )
})

t.test('an instance that registers later gets its task', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster } = made
  await createDaemon(made)
  await until(ecs, cluster, s => s.runningCount === 2)
  const third = await made.addAgent()
  const grown = await until(ecs, cluster, s => s.runningCount === 3 && steadyNow(s))
  t.equal(grown.desiredCount, 3)
  const tasks = await tasksOf(ecs, cluster)
  t.equal(tasks.filter(task => task.containerInstanceArn === third.containerInstanceArn).length, 1)
})

t.test('an instance set DRAINING: its task stops and none replaces it there', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster, agents } = made
  await createDaemon(made)
  await until(ecs, cluster, s => s.runningCount === 2)
  const drained = agents[1]?.containerInstanceArn ?? ''
  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [drained],
      status: 'DRAINING',
    }),
  )
  const shrunk = await until(ecs, cluster, s => s.runningCount === 1 && s.desiredCount === 1)
  t.ok(
    messages(shrunk).some(m =>
      /^\(service d\) has stopped 1 running tasks: \(task \w+\)\.$/.test(m),
    ),
  )
  const [stopped] = await tasksOf(ecs, cluster, 'STOPPED')
  t.equal(stopped?.containerInstanceArn, drained)
  t.equal(stopped?.stopCode, 'ServiceSchedulerInitiated')
  t.match(stopped?.stoppedReason, /^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/)
  await new Promise(resolve => setTimeout(resolve, 400))
  const running = await tasksOf(ecs, cluster)
  t.same(
    running.map(task => task.containerInstanceArn),
    [agents[0]?.containerInstanceArn],
    'nothing new on the DRAINING instance',
  )
  // Back to ACTIVE: it takes its task again.
  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [drained],
      status: 'ACTIVE',
    }),
  )
  const back = await until(ecs, cluster, s => s.runningCount === 2 && steadyNow(s))
  t.equal(back.desiredCount, 2)
})

t.test('memberOf: an instance whose attribute is deleted loses its task', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster, agents } = made
  for (const agent of agents)
    await ecs.send(
      new PutAttributesCommand({
        cluster,
        attributes: [{ name: 'role', value: 'edge', targetId: agent.containerInstanceArn }],
      }),
    )
  await createDaemon(made, {
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:role == edge' }],
  })
  await until(ecs, cluster, s => s.runningCount === 2)
  const plain = await made.addAgent()
  await new Promise(resolve => setTimeout(resolve, 300))
  const still = await until(ecs, cluster, s => s.runningCount === 2)
  t.equal(still.desiredCount, 2, 'an instance outside the constraint is not counted')
  const target = agents[0]?.containerInstanceArn ?? ''
  await ecs.send(
    new DeleteAttributesCommand({ cluster, attributes: [{ name: 'role', targetId: target }] }),
  )
  await until(ecs, cluster, s => s.runningCount === 1 && s.desiredCount === 1)
  const [stopped] = await tasksOf(ecs, cluster, 'STOPPED')
  t.equal(stopped?.containerInstanceArn, target)
  t.equal(stopped?.stopCode, 'ServiceSchedulerInitiated')
  // PutAttributes brings the third instance in.
  await ecs.send(
    new PutAttributesCommand({
      cluster,
      attributes: [{ name: 'role', value: 'edge', targetId: plain.containerInstanceArn }],
    }),
  )
  await until(ecs, cluster, s => s.runningCount === 2 && s.desiredCount === 2 && steadyNow(s))
  const running = await tasksOf(ecs, cluster)
  t.ok(running.some(task => task.containerInstanceArn === plain.containerInstanceArn))
})

t.test('an instance without room is named in the events; the others run', async t => {
  const made = await daemonCluster(t, 1)
  const { ecs, cluster } = made
  // app holds 96 MiB.
  const small = await made.addAgent({ memory: 64 })
  await createDaemon(made)
  const want = `(service d) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${idOf(small.containerInstanceArn)}) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`
  const service = await until(ecs, cluster, s => s.runningCount === 1 && messages(s).includes(want))
  t.equal(service.desiredCount, 2, 'the small instance is eligible, only short of memory')
})

t.test('a second task on one instance is stopped', async t => {
  const made = await daemonCluster(t, 1, { servicePassIntervalMs: 200 })
  const { ecs, cluster, agent } = made
  await createDaemon(made)
  const steady = await until(ecs, cluster, s => s.runningCount === 1 && steadyNow(s))
  const [first] = await tasksOf(ecs, cluster)
  const { tasks = [] } = await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      containerInstances: [agent.containerInstanceArn],
      group: 'service:d',
      startedBy: steady.deployments?.[0]?.id,
    }),
  )
  const extra = tasks[0]?.taskArn
  t.ok(extra)
  await until(ecs, cluster, s => s.runningCount === 1 && s.pendingCount === 0)
  const [kept] = await tasksOf(ecs, cluster)
  t.equal(kept?.taskArn, first?.taskArn, 'the older task stays')
  const [stopped] = await tasksOf(ecs, cluster, 'STOPPED')
  t.equal(stopped?.taskArn, extra)
  t.equal(stopped?.stopCode, 'ServiceSchedulerInitiated')
})

t.test('a new task definition replaces the tasks, stop first (0/100)', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster } = made
  await createDaemon(made)
  const before = await until(ecs, cluster, s => s.runningCount === 2 && steadyNow(s))
  const old = before.deployments?.[0]?.id
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'd', forceNewDeployment: true }))
  const after = await until(
    ecs,
    cluster,
    s => s.runningCount === 2 && s.deployments?.length === 1 && s.deployments[0]?.id !== old,
  )
  const tasks = await tasksOf(ecs, cluster)
  t.equal(tasks.length, 2)
  for (const task of tasks) t.equal(task.startedBy, after.deployments?.[0]?.id)
  t.equal((await tasksOf(ecs, cluster, 'STOPPED')).length, 2, 'the old ones stopped')
})

t.test(
  'a deregistered task definition: the tasks run on, still stop where they must, and start on a new instance',
  async t => {
    const made = await daemonCluster(t, 2)
    const { ecs, cluster, agents } = made
    await createDaemon(made)
    await until(ecs, cluster, s => s.runningCount === 2)
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'app:1' }))
    await ecs.send(
      new UpdateContainerInstancesStateCommand({
        cluster,
        containerInstances: [agents[0]?.containerInstanceArn ?? ''],
        status: 'DRAINING',
      }),
    )
    await until(ecs, cluster, s => s.runningCount === 1 && s.desiredCount === 1)
    const [stopped] = await tasksOf(ecs, cluster, 'STOPPED')
    t.equal(stopped?.containerInstanceArn, agents[0]?.containerInstanceArn)
    const late = await made.addAgent()
    await until(ecs, cluster, s => s.runningCount === 2 && s.desiredCount === 2)
    const onLate = (await tasksOf(ecs, cluster)).filter(
      task => task.containerInstanceArn === late.containerInstanceArn,
    )
    t.equal(onLate.length, 1, 'the INACTIVE revision still launches on an instance that joins')
  },
)

t.test('tasks that fail to start: counted in failedTasks, relaunched after a back-off', async t => {
  const made = await daemonCluster(t, 1, { serviceLaunchBackoffBaseMs: 100 })
  const { ecs, cluster, server } = made
  // This agent reports every task it is told to run STOPPED, never RUNNING.
  const failing = await fakeAgent(t, server, {
    cluster,
    attributes: [{ name: 'role', value: 'bad' }],
  })
  await failing.connect()
  await untilConnected(ecs, cluster, failing.containerInstanceArn)
  await createDaemon(made, {
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:role == bad' }],
  })
  const seen = new Set<string>()
  for (let i = 0; i < 200 && seen.size < 3; i++) {
    for (const { tasks } of failing.payloads)
      for (const task of tasks)
        if (task.desiredStatus === 'RUNNING' && !seen.has(task.taskArn)) {
          seen.add(task.taskArn)
          await failing.report(task.taskArn, 'STOPPED', {
            reason: 'CannotPullContainerError: pull access denied',
            containers: [{ containerName: 'a', status: 'STOPPED', exitCode: 1 }],
          })
        }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  t.equal(seen.size, 3, 'relaunched after each failure')
  const service = await until(ecs, cluster, s => (s.deployments?.[0]?.failedTasks ?? 0) >= 3)
  t.equal(service.desiredCount, 1)
  t.ok(
    messages(service).includes('(service d) is unable to consistently start tasks successfully.'),
  )
})

t.test('DeleteService with force: DRAINING, then INACTIVE once the tasks stopped', async t => {
  const made = await daemonCluster(t, 2)
  const { ecs, cluster } = made
  await createDaemon(made)
  await until(ecs, cluster, s => s.runningCount === 2)
  const deleted = await ecs.send(new DeleteServiceCommand({ cluster, service: 'd', force: true }))
  t.equal(deleted.service?.status, 'DRAINING')
  const gone = await until(ecs, cluster, s => s.status === 'INACTIVE')
  t.equal(gone.runningCount, 0)
  t.same(await tasksOf(ecs, cluster), [])
  const stopped = await tasksOf(ecs, cluster, 'STOPPED')
  t.equal(stopped.length, 2)
  for (const task of stopped) t.equal(task.stopCode, 'ServiceSchedulerInitiated')
})
