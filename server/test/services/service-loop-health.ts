/**
 * Health-based replacement through the API: a fake agent reports its tasks RUNNING and their
 * containers' health over the channel (PublishHealthRequest); the service scheduler's clock is
 * moved on instead of waiting out the 40-second rule.
 */
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  PutAttributesCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

const NAME = 'web'

async function until(
  ecs: ECSClient,
  cluster: string,
  predicate: (s: Service) => boolean,
): Promise<Service> {
  let last: Service | undefined
  for (let i = 0; i < 200; i++) {
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster, services: [NAME] }),
    )
    last = services[0]
    if (last && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`service did not get there: ${JSON.stringify(last)}`)
}

async function tasksOf(
  ecs: ECSClient,
  cluster: string,
  desiredStatus: 'RUNNING' | 'STOPPED',
): Promise<Task[]> {
  const { taskArns = [] } = await ecs.send(
    new ListTasksCommand({ cluster, serviceName: NAME, desiredStatus }),
  )
  if (taskArns.length === 0) return []
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? []
}

const messages = (s: Service) => (s.events ?? []).map(e => e.message ?? '')
const idOf = (task: Task | undefined) => task?.taskArn?.split('/').pop() ?? ''

t.test('an UNHEALTHY task is replaced: the replacement first, then the stop', async t => {
  let offsetMs = 0
  const { ecs, cluster, agent } = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 100, serviceClock: () => Date.now() + offsetMs },
    agent: { autoReport: true },
  })
  // A definition with a healthCheck requires the agent's capability.
  await ecs.send(
    new PutAttributesCommand({
      cluster,
      attributes: [
        {
          name: 'ecs.capability.container-health-check',
          targetType: 'container-instance',
          targetId: agent.containerInstanceArn,
        },
      ],
    }),
  )
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'checked',
      containerDefinitions: [
        {
          name: 'a',
          image: 'busybox',
          memory: 64,
          healthCheck: { command: ['CMD-SHELL', 'true'] },
        },
        { name: 'side', image: 'busybox', memory: 32, essential: false },
      ],
    }),
  )
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: NAME,
      taskDefinition: 'checked',
      desiredCount: 2,
    }),
  )
  await until(ecs, cluster, s => s.runningCount === 2)
  // RUNNING for minutes by the scheduler's clock, yet not healthy: the checks decide.
  offsetMs = 120_000
  await new Promise(resolve => setTimeout(resolve, 300))
  const first = await until(ecs, cluster, () => true)
  t.notOk(messages(first).includes(`(service ${NAME}) has reached a steady state.`))
  const [victim, other] = await tasksOf(ecs, cluster, 'RUNNING')
  for (const task of [victim, other]) agent.reportHealth(task?.taskArn ?? '', { a: 'HEALTHY' })
  await until(ecs, cluster, s =>
    messages(s).includes(`(service ${NAME}) has reached a steady state.`),
  )

  agent.reportHealth(victim?.taskArn ?? '', { a: 'UNHEALTHY', side: 'HEALTHY' })
  const surged = await until(ecs, cluster, s => s.runningCount === 3)
  t.equal(surged.desiredCount, 2)
  const running = await tasksOf(ecs, cluster, 'RUNNING')
  t.equal(running.length, 3, 'the replacement started while the unhealthy task runs on')
  const stillThere = running.find(task => task.taskArn === victim?.taskArn)
  t.equal(stillThere?.healthStatus, 'UNHEALTHY', 'the task reads UNHEALTHY')
  t.same(stillThere?.containers?.map(c => [c.name, c.healthStatus]).sort(), [
    ['a', 'UNHEALTHY'],
    ['side', 'HEALTHY'],
  ])
  // Until the replacement is healthy, nothing is stopped.
  await new Promise(resolve => setTimeout(resolve, 300))
  t.equal((await tasksOf(ecs, cluster, 'RUNNING')).length, 3)

  const replacement = running.find(
    task => task.taskArn !== victim?.taskArn && task.taskArn !== other?.taskArn,
  )
  agent.reportHealth(replacement?.taskArn ?? '', { a: 'HEALTHY' })
  const done = await until(
    ecs,
    cluster,
    s =>
      s.runningCount === 2 && messages(s).includes(`(service ${NAME}) has reached a steady state.`),
  )
  const [stopped] = await tasksOf(ecs, cluster, 'STOPPED')
  t.equal(stopped?.taskArn, victim?.taskArn, 'the unhealthy task is the one stopped')
  t.equal(stopped?.stoppedReason, 'Task failed container health checks')
  t.equal(stopped?.stopCode, 'ServiceSchedulerInitiated')
  t.ok(
    messages(done).includes(
      `(service ${NAME}) (task ${idOf(victim)}) failed container health checks.`,
    ),
  )
  t.ok(
    messages(done).includes(
      `(service ${NAME}) has stopped 1 running tasks: (task ${idOf(victim)}).`,
    ),
  )
  t.same(
    (await tasksOf(ecs, cluster, 'RUNNING')).map(idOf).sort(),
    [idOf(other), idOf(replacement)].sort(),
  )
})

t.test('without a health check, a task counts as healthy after 40 s RUNNING', async t => {
  let offsetMs = 0
  const { ecs, cluster } = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 100, serviceClock: () => Date.now() + offsetMs },
    agent: { autoReport: true },
  })
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: NAME,
      taskDefinition: 'app',
      desiredCount: 1,
    }),
  )
  await until(ecs, cluster, s => s.runningCount === 1)
  await new Promise(resolve => setTimeout(resolve, 300))
  const early = await until(ecs, cluster, () => true)
  t.notOk(
    messages(early).includes(`(service ${NAME}) has reached a steady state.`),
    'not steady while RUNNING for less than 40 s',
  )
  offsetMs = 40_000
  await until(ecs, cluster, s =>
    messages(s).includes(`(service ${NAME}) has reached a steady state.`),
  )
})
