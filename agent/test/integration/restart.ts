// Agent restarts against a real server and the real Docker Engine: what changed while the agent
// was away is found and reported, nothing is created twice. The agent is "killed" by detaching
// it (close(): the channel drops, containers keep running, nothing more is written), then a new
// agent starts from the same state dir. Needs the local image quayside/busybox:test.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { startAgent, type AgentOptions } from '../../src/agent.js'
import { TASK_ARN_LABEL } from '../../src/docker/identity.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 60_000, everyMs: 100 })

const run = promisify(execFile)

await withExternal(t, ['docker'], 'agent restarts on the real Docker Engine', async t => {
  const host = await dockerCluster(t, 'restart')
  const { cluster, ecs, runtime } = host
  const errors: unknown[] = []
  const options: AgentOptions = { ...host.options, onError: e => errors.push(e) }
  const status = host.taskIn
  const containersOf = async (arn: string) => runtime.listContainers({ [TASK_ARN_LABEL]: arn })
  /** Starts an agent, runs one task to RUNNING, and detaches the agent. */
  async function runThenLeave(): Promise<{ arn: string; runtimeId: string }> {
    const agent = await startAgent(options)
    const instance = agent.registration.containerInstanceArn
    await until('connected', host.connected(instance))
    const started = await ecs.startTask({
      cluster,
      taskDefinition: 'restart',
      containerInstances: [instance],
    })
    const arn = started.tasks?.[0]?.taskArn ?? ''
    const running = await until('RUNNING', status(arn, 'RUNNING'))
    await agent.close()
    return { arn, runtimeId: running.containers?.[0]?.runtimeId ?? '' }
  }

  await t.test('a container removed while the agent was away: STOPPED, not re-created', async t => {
    const { arn, runtimeId } = await runThenLeave()
    await run('docker', ['rm', '-f', runtimeId])
    const agent = await startAgent(options)
    t.teardown(() => agent.close())
    const stopped = await until('STOPPED', status(arn, 'STOPPED'))
    t.equal(stopped.stoppedReason, 'Essential container in task exited')
    t.match(stopped.containers?.[0], {
      lastStatus: 'STOPPED',
      runtimeId,
      reason: 'ContainerVanishedError: No container matching saved ID found',
    })
    t.same(await containersOf(arn), [], 'no new container')
  })

  await t.test('a task stopped on the server while the agent was away: stopped', async t => {
    const { arn, runtimeId } = await runThenLeave()
    await ecs.stopTask({ cluster, task: arn, reason: 'stopped while away' })
    t.ok((await runtime.inspectContainer(runtimeId))?.state.running, 'still running meanwhile')
    const agent = await startAgent(options)
    t.teardown(() => agent.close())
    const stopped = await until('STOPPED', status(arn, 'STOPPED'))
    t.equal(stopped.stoppedReason, 'stopped while away')
    const details = await runtime.inspectContainer(runtimeId)
    t.equal(details?.state.running, false, 'the container was stopped')
    t.equal(stopped.containers?.[0]?.exitCode, details?.state.exitCode)
    t.same(
      (await containersOf(arn)).map(c => c.id),
      [runtimeId],
      'kept (until the cleanup delay), no other',
    )
  })

  t.same(
    errors.filter(e => !/ECONNREFUSED|socket|closed/i.test(String(e))),
    [],
    'no unexpected errors',
  )
})
