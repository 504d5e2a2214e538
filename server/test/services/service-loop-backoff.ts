/**
 * The service scheduler's launch back-off through the API: a fake agent reports every task it is
 * told to run STOPPED without RUNNING (an image that cannot be pulled), so relaunches slow down;
 * a new deployment clears the back-off.
 */
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

const BASE_MS = 150

t.test('failed starts space relaunches out; a new deployment relaunches at once', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 50, serviceLaunchBackoffBaseMs: BASE_MS },
  })
  /** When each task was first received to run (performance.now()). */
  const launches: number[] = []
  const seen = new Set<string>()
  const failAll = async () => {
    for (const { tasks, at } of agent.payloads)
      for (const task of tasks)
        if (task.desiredStatus === 'RUNNING' && !seen.has(task.taskArn)) {
          seen.add(task.taskArn)
          launches.push(at)
          await agent.report(task.taskArn, 'STOPPED', {
            reason: 'CannotPullContainerError: pull access denied',
            containers: [{ containerName: 'a', status: 'STOPPED', exitCode: 1 }],
          })
        }
  }
  const failUntil = async (count: number) => {
    for (let i = 0; i < 400 && launches.length < count; i++) {
      await failAll()
      await new Promise(resolve => setTimeout(resolve, 10))
    }
    t.ok(launches.length >= count, `${String(count)} launches seen`)
  }
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 1,
    }),
  )
  await failUntil(4)
  const gaps = launches.slice(1, 4).map((at, i) => at - (launches[i] ?? 0))
  // After n failures the next launch waits BASE_MS * 2^(n-1): 150, 300, 600 ms (less a little
  // for the time between the stop and its report).
  gaps.forEach((gap, i) => {
    t.ok(
      gap >= BASE_MS * 2 ** i - 40,
      `gap ${String(i + 1)} (${gap.toFixed(0)} ms) waits out the back-off`,
    )
  })
  t.ok((gaps[2] ?? 0) > (gaps[0] ?? 0) * 2, 'the gaps grow')
  const { services = [] } = await ecs.send(
    new DescribeServicesCommand({ cluster, services: ['web'] }),
  )
  const messages = (services[0]?.events ?? []).map(e => e.message)
  t.ok(
    messages.includes('(service web) is unable to consistently start tasks successfully.'),
    'the throttle is an event',
  )
  t.equal(services[0]?.status, 'ACTIVE', 'the service itself does not change')

  // Failures now stand at 4: the next launch waits 1.2 s; a new deployment launches at once.
  await failAll()
  const before = launches.length
  const updatedAt = performance.now()
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', forceNewDeployment: true }))
  await failUntil(before + 1)
  const after = (launches[before] ?? Infinity) - updatedAt
  t.ok(after < 600, `the new deployment launched ${after.toFixed(0)} ms after the update`)
})
