/**
 * The launch back-off with two server replicas on one PostgreSQL database: the agent reports its
 * failed starts to the replica that does not run the loop, and the leader still waits out the
 * back-off, because failed starts are read from the stored tasks, not from the memory of the
 * replica that heard them.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { APP_CONTAINERS, untilConnected } from '../fixtures/cluster.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'
import { client, testServer } from '../fixtures/server.js'

const BASE_MS = 1500

await withExternal(t, ['postgres'], 'failures heard by the other replica count', async t => {
  const store = await postgresSchema(t, 'service_backoff')
  const options = { store, servicePassIntervalMs: 100, serviceLaunchBackoffBaseMs: BASE_MS }
  // The first replica takes the loop's lease at start and renews it every pass.
  const leader = await testServer(t, options)
  await new Promise(resolve => setTimeout(resolve, 300))
  const other = await testServer(t, options)
  const ecs = client(other)
  await ecs.send(new CreateClusterCommand({ clusterName: 'ha' }))
  await ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: APP_CONTAINERS }),
  )
  // The agent's channel and its reports go to the replica that does not lead.
  const agent = await fakeAgent(t, other, { cluster: 'ha' })
  await agent.connect()
  await untilConnected(ecs, 'ha', agent.containerInstanceArn)
  t.not(leader.url, other.url)

  /** When each task was first received to run (performance.now()) and when it was failed. */
  const launches: number[] = []
  const failedAt: number[] = []
  const seen = new Set<string>()
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'ha',
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 1,
    }),
  )
  const deadline = performance.now() + BASE_MS + 3000
  while (launches.length < 2 && performance.now() < deadline) {
    for (const { tasks, at } of agent.payloads)
      for (const task of tasks)
        if (task.desiredStatus === 'RUNNING' && !seen.has(task.taskArn)) {
          seen.add(task.taskArn)
          launches.push(at)
          await agent.report(task.taskArn, 'STOPPED', {
            reason: 'CannotPullContainerError: pull access denied',
            containers: [{ containerName: 'a', status: 'STOPPED', exitCode: 1 }],
          })
          failedAt.push(performance.now())
        }
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  t.equal(launches.length, 2, 'the failed task was relaunched')
  const gap = (launches[1] ?? Infinity) - (failedAt[0] ?? 0)
  // failedAt is taken after the report's answer, so under load the gap reads short by that round
  // trip; without the stored back-off the relaunch came within ~100 ms.
  t.ok(
    gap >= BASE_MS * 0.6,
    `the relaunch waited out the back-off: ${gap.toFixed(0)} ms after the failure`,
  )
})
