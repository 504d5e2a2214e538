// A real agent restarted under running tasks (same state dir, so it re-registers the instance it
// has): DescribeContainerInstances keeps the tasks' reservations out of remainingResources, and
// gives them back exactly once when the tasks stop. Restarted again with a larger
// reservedMemoryMiB (other totals), the remainder is the new totals minus what the tasks hold.
// Needs Docker and the local image quayside/busybox:test.
import type { Resource } from '@quayside/sdk'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { startAgent, type AgentOptions } from '../../src/agent.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 60_000, everyMs: 100 })

const amount = (resources: Resource[] | undefined, name: string) =>
  resources?.find(r => r.name === name)?.integerValue ?? NaN

await withExternal(t, ['docker'], 'an agent restarted under running tasks', async t => {
  const host = await dockerCluster(t, 'books', { cpu: 64 })
  const { cluster, ecs } = host
  const agents: { close(): Promise<void> }[] = []
  t.teardown(async () => {
    for (const agent of agents) await agent.close()
  })
  const start = async (extra: Partial<AgentOptions> = {}) => {
    const agent = await startAgent({ ...host.options, ...extra })
    agents.push(agent)
    return agent
  }
  const describe = async (arn: string) =>
    (await ecs.describeContainerInstances({ cluster, containerInstances: [arn] }))
      .containerInstances?.[0]
  const connected = host.connected
  const lastStatus = (arns: string[], want: string) => async () => {
    const { tasks } = await ecs.describeTasks({ cluster, tasks: arns })
    return tasks?.length === arns.length && tasks.every(x => x.lastStatus === want)
      ? true
      : undefined
  }

  const first = await start()
  const instance = first.registration.containerInstanceArn
  await until('connected', connected(instance))
  const registered = (await describe(instance))?.registeredResources
  const cpu = amount(registered, 'CPU')
  const memory = amount(registered, 'MEMORY')
  const started = await ecs.startTask({
    cluster,
    taskDefinition: 'books',
    containerInstances: [instance, instance],
  })
  const arns = (started.tasks ?? []).map(x => x.taskArn ?? '')
  t.equal(arns.length, 2, 'two tasks started')
  await until('both RUNNING', lastStatus(arns, 'RUNNING'))

  await t.test('same totals: the running tasks stay reserved', async t => {
    await first.close()
    const again = await start()
    t.equal(again.registration.containerInstanceArn, instance, 'the same instance')
    await until('connected again', connected(instance))
    const after = await describe(instance)
    t.equal(amount(after?.remainingResources, 'CPU'), cpu - 2 * 64)
    t.equal(amount(after?.remainingResources, 'MEMORY'), memory - 2 * 32)
    await again.close()
  })

  await t.test('other totals: new totals minus what the tasks hold', async t => {
    const reservedMemoryMiB = 256
    const restarted = await start({ reservedMemoryMiB })
    await until('connected with less memory', connected(instance))
    const after = await describe(instance)
    t.equal(amount(after?.registeredResources, 'MEMORY'), memory - reservedMemoryMiB)
    t.equal(amount(after?.remainingResources, 'MEMORY'), memory - reservedMemoryMiB - 2 * 32)
    t.equal(amount(after?.remainingResources, 'CPU'), cpu - 2 * 64)
    for (const task of arns) await ecs.stopTask({ cluster, task })
    await until('both STOPPED', lastStatus(arns, 'STOPPED'))
    const freed = await describe(instance)
    t.same(
      [amount(freed?.remainingResources, 'CPU'), amount(freed?.remainingResources, 'MEMORY')],
      [cpu, memory - reservedMemoryMiB],
      'everything back once, never more than registered',
    )
    await restarted.close()
  })
})
