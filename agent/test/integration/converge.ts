// The agent converges to the server's view: a task the server holds STOPPED has its container
// stopped, whether the server tells the agent at once (a SubmitTaskStateChange from another
// caller) or the agent learns it from the full list it gets on reconnecting (the report came
// while it was away). A real agent and server, on the real Docker Engine; needs the local image
// quayside/busybox:test.
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { startAgent } from '../../src/agent.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

await withExternal(t, ['docker'], 'an agent converging to the server', async t => {
  const host = await dockerCluster(t, 'converge')
  const { cluster, runtime } = host
  const errors: unknown[] = []
  // reconnects wait 1-3 s: the second case reports STOPPED in that gap
  const agent = await startAgent({ ...host.options, backoffMs: 2000, onError: e => errors.push(e) })
  t.teardown(() => agent.close())
  const instance = agent.registration.containerInstanceArn
  const connected = () =>
    poll('connected', host.connected(instance), { withinMs: 30_000, everyMs: 50 })
  await connected()

  const forgeStopped = (arn: string) =>
    host.ecs.submitTaskStateChange({ cluster, task: arn, status: 'STOPPED', reason: 'forged' })
  /** How long until Docker has the container stopped. */
  const stoppedWithin = async (runtimeId: string, ms: number) => {
    const from = Date.now()
    await poll(
      'container stopped',
      async () => ((await runtime.inspectContainer(runtimeId))?.state.running ? undefined : true),
      { withinMs: ms, everyMs: 50 },
    )
    return Date.now() - from
  }

  await t.test('a forged STOPPED reaches the agent, which stops the container', async t => {
    const { arn, runtimeId } = await host.runTask()
    await forgeStopped(arn)
    const took = await stoppedWithin(runtimeId, 15_000)
    t.ok(took < 15_000, `stopped ${String(took)} ms after the report`)
    const task = await host.describeTask(arn)
    t.equal(task?.lastStatus, 'STOPPED')
    t.equal(task?.stoppedReason, 'forged', 'the first reason stays')
  })

  await t.test(
    'a STOPPED reported while the agent was away: the next full list stops it',
    async t => {
      const { arn, runtimeId } = await host.runTask()
      // The server dies (its channel goes with it); a new one opens the same data on the same port,
      // and the report lands before the agent's reconnection (1 s at the earliest).
      await host.restartServer()
      await forgeStopped(arn)
      t.ok((await runtime.inspectContainer(runtimeId))?.state.running, 'still running until then')
      await connected()
      const took = await stoppedWithin(runtimeId, 15_000)
      t.ok(took < 15_000, `stopped ${String(took)} ms after the reconnection`)
    },
  )
})
