// A host whose container instance was deregistered with `force` while its agent was away: the
// agent comes back, registers as a new instance, and stops and removes the old instance's
// containers (after a line saying so), which no task on the server could stop any more. A real
// agent and server, on the real Docker Engine; needs the local image quayside/busybox:test.
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { startAgent, type AgentOptions } from '../../src/agent.js'
import { INSTANCE_LABEL } from '../../src/docker/identity.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until } from '../fixtures/until.js'

t.setTimeout(180_000)

await withExternal(t, ['docker'], 'a force-deregistered instance', async t => {
  const host = await dockerCluster(t, 'dereg')
  const { cluster, ecs, runtime } = host
  const lines: string[] = []
  const options: AgentOptions = { ...host.options, log: line => lines.push(line) }
  const first = await startAgent(options)
  const old = first.registration.containerInstanceArn
  await until('connected', host.connected(old), { withinMs: 30_000, everyMs: 50 })
  const { arn, runtimeId } = await host.runTask()
  // the agent goes away (its containers keep running), and the instance is deregistered
  await first.close()
  await ecs.deregisterContainerInstance({ cluster, containerInstance: old, force: true })
  const oldContainers = await runtime.listContainers({ [INSTANCE_LABEL]: old })
  t.equal(oldContainers.length, 1, 'the task’s container outlived its instance')
  t.ok((await runtime.inspectContainer(runtimeId))?.state.running)

  const second = await startAgent(options)
  t.teardown(() => second.close())
  t.not(second.registration.containerInstanceArn, old, 'the agent registered anew')
  await until(
    'old container removed',
    async () => ((await runtime.inspectContainer(runtimeId)) === undefined ? true : undefined),
    { withinMs: 30_000, everyMs: 100 },
  )
  t.pass('the old instance’s container is stopped and removed')
  const told = new RegExp(`${old} no longer exists.*stopping and removing`)
  t.ok(
    lines.some(line => told.test(line)),
    'the user is told',
  )
  const task = await host.describeTask(arn)
  t.equal(task?.desiredStatus, 'STOPPED', 'the server wants the task stopped')
  t.equal(task?.stoppedReason, 'Container instance deregistration forced by user')
})
