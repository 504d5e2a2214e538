/**
 * quayside_service's waits against a real quayside server (in this process, 127.0.0.1:0) whose
 * service scheduler places tasks on a fake agent over the real channel: stable once the tasks
 * run, and each way a wait ends without it, with the message the user reads.
 */
import { CreateServiceCommand, DeleteServiceCommand } from '@aws-sdk/client-ecs'
import { ECS } from '@quayside/sdk'
import t, { type Test } from 'tap'
import { clusterWithAgent } from '../../../server/test/fixtures/cluster.js'
import type { SdkContext } from '../../src/backend/sdk.js'
import { sdkService } from '../../src/backend/sdk-service.js'
import { waitServiceInactive, waitServiceStable } from '../../src/backend/sdk-service-wait.js'

t.setTimeout(120_000)

/** A cluster `ops` with one fake agent (reporting as a real one when `reports`), the service `web`. */
async function webService(t: Test, desiredCount: number, reports: boolean) {
  const made = await clusterWithAgent(t, {
    server: { servicePassIntervalMs: 100 },
    agent: { autoReport: reports },
  })
  await made.ecs.send(
    new CreateServiceCommand({
      cluster: made.cluster,
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount,
    }),
  )
  const ecs = new ECS({
    endpoint: made.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  t.teardown(() => ecs.close())
  const stop = new AbortController()
  t.teardown(() => {
    stop.abort()
  })
  const context: SdkContext = { ecs, call: { signal: stop.signal } }
  return { ...made, sdk: ecs, context }
}

t.test('stable once the scheduler has the desired tasks RUNNING', async t => {
  const { context, sdk, cluster } = await webService(t, 2, true)
  await waitServiceStable(context, cluster, 'web', 30_000)
  const { services = [] } = await sdk.describeServices({ cluster, services: ['web'] })
  t.match(services[0], { runningCount: 2, desiredCount: 2, deployments: [{}] })
  t.equal(services[0]?.deployments?.length, 1)
})

t.test('a service whose tasks never run times out, saying how far it got', async t => {
  const { context, cluster, agent } = await webService(t, 2, false)
  await agent.until(tasks => tasks.size === 2)
  const started = Date.now()
  await t.rejects(waitServiceStable(context, cluster, 'web', 1500), {
    code: 'QS_PROVIDER_WAIT',
    message:
      /^service web did not reach a steady state within 1\.5s \(runningCount 0 of desiredCount 2; 1 deployment; last event: .*\); raise the timeout/,
  })
  t.ok(Date.now() - started < 10_000, 'and gives up when the timeout passes')
})

t.test('DRAINING and MISSING services fail the wait at once', async t => {
  const { context, ecs, cluster, agent } = await webService(t, 1, false)
  await agent.until(tasks => tasks.size === 1)
  // the agent never reports the task STOPPED, so the deleted service stays DRAINING
  await ecs.send(new DeleteServiceCommand({ cluster, service: 'web', force: true }))
  await t.rejects(waitServiceStable(context, cluster, 'web', 30_000), {
    code: 'QS_PROVIDER_WAIT',
    message:
      'service web is DRAINING: it was deleted while apply waited, so it cannot reach a steady state',
  })
  await t.rejects(waitServiceStable(context, cluster, 'nope', 30_000), {
    code: 'QS_PROVIDER_WAIT',
    message: /^service nope does not exist \(DescribeServices answers MISSING\)/,
  })
  await t.rejects(waitServiceInactive(context, cluster, 'web', 1000), {
    code: 'QS_PROVIDER_WAIT',
    message:
      /^service web was deleted but is still DRAINING after 1s \(runningCount .*\); raise timeouts\.delete$/,
  })
  await t.resolves(waitServiceInactive(context, cluster, 'nope', 1000), 'a missing one is gone')
  await t.resolves(
    waitServiceInactive(context, 'no-such-cluster', 'web', 1000),
    'so is one of a missing cluster',
  )
  await agent.report([...agent.tasks.keys()][0] ?? '', 'STOPPED', { exitCode: 0 })
  await t.resolves(
    waitServiceInactive(context, cluster, 'web', 30_000),
    'INACTIVE once its task stopped',
  )
})

t.test("the backend's delete waits for INACTIVE", async t => {
  const { context, sdk, cluster } = await webService(t, 2, true)
  const backend = sdkService(context)
  await backend.waitStable(cluster, 'web', 30_000)
  await backend.delete(cluster, 'web', 30_000)
  const { services = [] } = await sdk.describeServices({ cluster, services: ['web'] })
  t.equal(services[0]?.status, 'INACTIVE', 'the drain is over when destroy returns')
})
