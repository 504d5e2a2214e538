/**
 * The services waiters against real services: a quayside server on 127.0.0.1:0 whose service
 * scheduler places tasks on a fake agent over the real channel (the server's own test fixtures).
 * The agent reports only when the test says, so the waiter is seen waiting while the tasks are
 * PENDING, resolving once the scheduler has 3 RUNNING, and failing as ECS's acceptors say for a
 * DRAINING, an INACTIVE and a MISSING service.
 */
import t from 'tap'
import { clusterWithAgent } from '../../server/test/fixtures/cluster.js'
import type { FakeAgent } from '../../server/test/fixtures/fake-agent.js'
import { ECS, WaiterFailureError, WaiterTimeoutError } from '../src/index.js'

t.setTimeout(120_000)

const FAST = { minDelay: 0.2, maxDelay: 0.5 }

/** Reports every task the agent was told to get to `status` as there, with its containers. */
async function reportAll(agent: FakeAgent, status: 'RUNNING' | 'STOPPED'): Promise<number> {
  const wanted = [...agent.tasks.values()].filter(task => task.desiredStatus === status)
  for (const task of wanted) {
    await agent.report(task.taskArn, status, {
      containers: task.containers.map(c => ({
        containerName: c.name,
        status,
        ...(status === 'STOPPED' ? { exitCode: 0 } : {}),
      })),
    })
  }
  return wanted.length
}

const { server, cluster, agent } = await clusterWithAgent(t, {
  server: { servicePassIntervalMs: 100 },
  agent: { autoReport: false },
})
const ecs = new ECS({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})
t.teardown(() => ecs.close())
const services = { cluster, services: ['web'] }

await t.test('ServicesStable resolves once the scheduler has 3 tasks RUNNING', async t => {
  await ecs.createService({ cluster, serviceName: 'web', taskDefinition: 'app', desiredCount: 3 })
  let settled = false
  const stable = ecs.waitFor.servicesStable(services, { maxWaitSeconds: 60, ...FAST })
  const done = () => {
    settled = true
  }
  stable.then(done, done)
  await agent.until(tasks => tasks.size === 3)
  await t.rejects(
    ecs.waitFor.servicesStable(services, { maxWaitSeconds: 1, ...FAST }),
    WaiterTimeoutError,
    'not stable while the tasks are PENDING',
  )
  t.notOk(settled, 'the first waiter is still waiting')
  t.equal(await reportAll(agent, 'RUNNING'), 3, 'the agent reports the 3 tasks RUNNING')
  const output = await stable
  t.match(output.services?.[0], { status: 'ACTIVE', desiredCount: 3, runningCount: 3 })
  t.equal(output.services?.[0]?.deployments?.length, 1, 'one deployment')
  const { taskArns = [] } = await ecs.listTasks({ cluster, serviceName: 'web' })
  t.equal(taskArns.length, 3)
})

await t.test('a DRAINING service fails ServicesStable', async t => {
  // the agent does not report the stops yet, so the deleted service stays DRAINING
  const deleted = await ecs.deleteService({ cluster, service: 'web', force: true })
  t.equal(deleted.service?.status, 'DRAINING')
  const error = await ecs.waitFor.servicesStable(services, FAST).catch((e: unknown) => e)
  t.ok(error instanceof WaiterFailureError)
  t.match(error, { acceptor: { state: 'failure', matcher: 'pathAny', expected: 'DRAINING' } })
  await t.rejects(
    ecs.waitFor.servicesInactive(services, { maxWaitSeconds: 1, ...FAST }),
    WaiterTimeoutError,
    'and it is not INACTIVE yet',
  )
})

await t.test('ServicesInactive resolves once its tasks stopped; ServicesStable fails', async t => {
  await agent.until(tasks => [...tasks.values()].every(task => task.desiredStatus === 'STOPPED'))
  t.equal(await reportAll(agent, 'STOPPED'), 3)
  const inactive = await ecs.waitFor.servicesInactive(services, { maxWaitSeconds: 60, ...FAST })
  t.equal(inactive.services?.[0]?.status, 'INACTIVE')
  const error = await ecs.waitFor.servicesStable(services, FAST).catch((e: unknown) => e)
  t.match(error, { name: 'WaiterFailureError', acceptor: { expected: 'INACTIVE' } })
})

await t.test('a MISSING service fails both', async t => {
  const missing = { cluster, services: ['never-created'] }
  const waits = [
    () => ecs.waitFor.servicesStable(missing, FAST),
    () => ecs.waitFor.servicesInactive(missing, FAST),
  ]
  for (const wait of waits) {
    const error = await wait().catch((e: unknown) => e)
    t.match(error, {
      name: 'WaiterFailureError',
      acceptor: { argument: 'failures[].reason', expected: 'MISSING' },
    })
  }
})
