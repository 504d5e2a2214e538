/**
 * Draining a container instance through the API (UpdateContainerInstancesState DRAINING): the
 * service's tasks there are replaced on another instance within minimumHealthyPercent and
 * maximumPercent, a standalone task there is left alone, and 100/100 says it cannot move. Fake
 * agents report RUNNING and STOPPED as real ones would; the scheduler's clock is moved on past
 * the 40-second rule instead of waiting it out.
 */
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  StartTaskCommand,
  UpdateContainerInstancesStateCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import t, { type Test } from 'tap'
import { clusterWithAgent, untilConnected, type ReadyCluster } from '../fixtures/cluster.js'
import { fakeAgent, type FakeAgent } from '../fixtures/fake-agent.js'

const NAME = 'web'
const DEADLOCK = `(service ${NAME}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`

async function describe(ecs: ECSClient, cluster: string): Promise<Service | undefined> {
  const { services = [] } = await ecs.send(
    new DescribeServicesCommand({ cluster, services: [NAME] }),
  )
  return services[0]
}

/** Polls (every 50 ms, 10 s at most) until `predicate` holds; `each` sees every reading. */
async function until(
  ecs: ECSClient,
  cluster: string,
  predicate: (s: Service) => boolean,
  each: (s: Service) => void = () => undefined,
): Promise<Service> {
  let last: Service | undefined
  for (let i = 0; i < 200; i++) {
    last = await describe(ecs, cluster)
    if (last) each(last)
    if (last && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`service did not get there: ${JSON.stringify(last)}`)
}

async function tasks(ecs: ECSClient, cluster: string, desiredStatus: 'RUNNING' | 'STOPPED') {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster, desiredStatus }))
  if (taskArns.length === 0) return []
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? []
}

const on = (list: readonly Task[], agent: FakeAgent) =>
  list.filter(task => task.containerInstanceArn === agent.containerInstanceArn)
const ofService = (list: readonly Task[]) => list.filter(task => task.group === `service:${NAME}`)

/**
 * A cluster whose first agent holds `desiredCount` tasks of the service (at `percent` min/max)
 * before a second agent joins; the scheduler's clock is `Date.now() + offset.ms`.
 */
async function twoInstances(
  t: Test,
  desiredCount: number,
  percent: [number, number],
): Promise<ReadyCluster & { second: FakeAgent; offset: { ms: number } }> {
  const offset = { ms: 0 }
  const made = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 100, serviceClock: () => Date.now() + offset.ms },
    agent: { autoReport: true },
  })
  const { ecs, cluster, server } = made
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: NAME,
      taskDefinition: 'app',
      desiredCount,
      deploymentConfiguration: {
        minimumHealthyPercent: percent[0],
        maximumPercent: percent[1],
      },
    }),
  )
  await until(ecs, cluster, s => s.runningCount === desiredCount)
  const second = await fakeAgent(t, server, { cluster, autoReport: true })
  await second.connect()
  await untilConnected(ecs, cluster, second.containerInstanceArn)
  return { ...made, second, offset }
}

t.test('draining at 100/200: replacements start elsewhere first, never below min', async t => {
  const { ecs, cluster, agent, second, offset } = await twoInstances(t, 2, [100, 200])
  const standalone = await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      containerInstances: [agent.containerInstanceArn],
    }),
  )
  const standaloneArn = standalone.tasks?.[0]?.taskArn
  await agent.until(tasks => tasks.has(standaloneArn ?? ''))
  const before = ofService(on(await tasks(ecs, cluster, 'RUNNING'), agent))
  t.equal(before.length, 2, "both of the service's tasks are on the first instance")

  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [agent.containerInstanceArn],
      status: 'DRAINING',
    }),
  )
  let lowest = Infinity
  const watch = (s: Service) => {
    lowest = Math.min(lowest, s.runningCount ?? 0)
  }
  await until(ecs, cluster, s => s.runningCount === 4, watch)
  const moving = await tasks(ecs, cluster, 'RUNNING')
  t.equal(ofService(on(moving, second)).length, 2, 'two replacements on the other instance')
  t.equal(ofService(on(moving, agent)).length, 2, 'the drained ones wait for them')
  // The replacements are RUNNING but not 40 s yet by the clock: nothing stops.
  await new Promise(resolve => setTimeout(resolve, 300))
  t.equal(ofService(on(await tasks(ecs, cluster, 'RUNNING'), agent)).length, 2)

  offset.ms = 60_000
  const done = await until(
    ecs,
    cluster,
    s =>
      s.runningCount === 2 &&
      s.pendingCount === 0 &&
      (s.events?.[0]?.message ?? '') === `(service ${NAME}) has reached a steady state.`,
    watch,
  )
  t.ok(lowest >= 2, `runningCount never went below 2 (lowest ${String(lowest)})`)
  t.equal(done.desiredCount, 2)
  const after = await tasks(ecs, cluster, 'RUNNING')
  t.equal(ofService(on(after, second)).length, 2, "the service's tasks are on the other instance")
  t.same(
    on(after, agent).map(task => task.taskArn),
    [standaloneArn],
    'the standalone task stays on the drained instance',
  )
  const stopped = ofService(await tasks(ecs, cluster, 'STOPPED'))
  t.equal(stopped.length, 2)
  for (const task of stopped) {
    t.equal(task.containerInstanceArn, agent.containerInstanceArn)
    t.equal(task.stopCode, 'ServiceSchedulerInitiated')
  }
})

t.test('draining at 0/100: the task stops, then starts elsewhere', async t => {
  const { ecs, cluster, agent, second, offset } = await twoInstances(t, 1, [0, 100])
  offset.ms = 60_000
  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [agent.containerInstanceArn],
      status: 'DRAINING',
    }),
  )
  let running: Task[] = []
  for (let i = 0; i < 200; i++) {
    running = await tasks(ecs, cluster, 'RUNNING')
    if (on(running, second).some(task => task.lastStatus === 'RUNNING')) break
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  t.equal(on(running, second).length, 1, 'it runs on the other instance')
  t.equal(on(running, agent).length, 0)
  const [stopped] = await tasks(ecs, cluster, 'STOPPED')
  t.equal(stopped?.containerInstanceArn, agent.containerInstanceArn, 'the drained one stopped')
})

t.test('draining at 100/100: nothing can move, and the events say why', async t => {
  const { ecs, cluster, agent, offset } = await twoInstances(t, 1, [100, 100])
  offset.ms = 60_000
  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [agent.containerInstanceArn],
      status: 'DRAINING',
    }),
  )
  const stuck = await until(ecs, cluster, s => (s.events ?? []).some(e => e.message === DEADLOCK))
  t.equal(stuck.runningCount, 1)
  t.equal(ofService(on(await tasks(ecs, cluster, 'RUNNING'), agent)).length, 1, 'it stays')
})

t.test('a service task still PENDING on a draining instance is stopped at once', async t => {
  const made = await clusterWithAgent(t, { server: { servicePassIntervalMs: 100 } })
  const { ecs, cluster, agent, server } = made
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: NAME,
      taskDefinition: 'app',
      desiredCount: 1,
    }),
  )
  // This agent never reports: the task stays PENDING.
  await until(ecs, cluster, s => s.pendingCount === 1)
  const second = await fakeAgent(t, server, { cluster, autoReport: true })
  await second.connect()
  await untilConnected(ecs, cluster, second.containerInstanceArn)
  await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster,
      containerInstances: [agent.containerInstanceArn],
      status: 'DRAINING',
    }),
  )
  await until(ecs, cluster, s => s.runningCount === 1)
  const [stopped] = await tasks(ecs, cluster, 'STOPPED')
  t.equal(stopped?.containerInstanceArn, agent.containerInstanceArn)
  t.equal(stopped?.lastStatus, 'PENDING', 'stopped before it ever ran')
  t.equal(on(await tasks(ecs, cluster, 'RUNNING'), second).length, 1)
})
