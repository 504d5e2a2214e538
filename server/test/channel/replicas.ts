/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
/**
 * Two replicas on one PostgreSQL schema: a task placed by one reaches the agent held by the
 * other (LISTEN/NOTIFY), and the instances of a replica that dies read as disconnected once
 * their lease runs out.
 */
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer, type RawResponse } from '../fixtures/server.js'
import type { RunningServer } from '../../src/main.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'

const body = (r: RawResponse) => r.body as any

async function instance(server: RunningServer, cluster: string, arn: string): Promise<any> {
  const r = await rawCall(server, 'DescribeContainerInstances', {
    cluster,
    containerInstances: [arn],
  })
  return body(r).containerInstances[0]
}

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(ms)} ms`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

await withExternal(t, ['postgres'], 'replicas sharing one PostgreSQL schema', async t => {
  const store = await postgresSchema(t, 'replicas')
  // A lease of 2.5 s: long enough to see it still held right after B dies, short for the test.
  const timing = { agentHeartbeatIntervalMs: 500, agentHeartbeatGraceMs: 2000 }
  const options = { store, ...timing }
  const a = await testServer(t, options)
  const b = await testServer(t, options)
  const cluster = 'shared'
  await rawCall(a, 'CreateCluster', { clusterName: cluster })
  await rawCall(a, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128 }],
  })
  const agent = await fakeAgent(t, b, { cluster })
  await agent.connect()
  await waitFor(async () => (await instance(a, cluster, agent.containerInstanceArn)).agentConnected)
  const seen = await instance(a, cluster, agent.containerInstanceArn)
  t.notOk('agentSession' in seen, 'the lease bookkeeping stays off the wire')
  t.notOk('agentLeaseUntil' in seen)

  const run = body(await rawCall(a, 'RunTask', { cluster, taskDefinition: 'web' }))
  t.equal(run.failures.length, 0)
  const taskArn = run.tasks[0].taskArn as string
  await agent.until(tasks => tasks.get(taskArn)?.desiredStatus === 'RUNNING')
  t.pass('a task placed by replica A reached the agent on replica B')

  await agent.report(taskArn, 'RUNNING')
  await rawCall(a, 'StopTask', { cluster, task: taskArn })
  await agent.until(tasks => tasks.get(taskArn)?.desiredStatus === 'STOPPED')
  t.pass('and so did its stop')

  // Several lease renewals pass; the agent stays connected throughout.
  await new Promise(resolve => setTimeout(resolve, 1200))
  t.ok((await instance(a, cluster, agent.containerInstanceArn)).agentConnected, 'lease renewed')

  await b.abort()
  const left = await instance(a, cluster, agent.containerInstanceArn)
  t.ok(left.agentConnected, 'a dead replica leaves the flag set in the store...')
  await waitFor(
    async () => !(await instance(a, cluster, agent.containerInstanceArn)).agentConnected,
    timing.agentHeartbeatIntervalMs + timing.agentHeartbeatGraceMs + 2000,
  )
  t.pass('...which reads as disconnected once the lease has run out')
  const refused = body(await rawCall(a, 'RunTask', { cluster, taskDefinition: 'web' }))
  t.same(
    refused.failures.map((f: { reason: string }) => f.reason),
    ['AGENT'],
  )
  const listed = body(
    await rawCall(a, 'ListContainerInstances', { cluster, filter: 'agentConnected == true' }),
  )
  t.same(listed.containerInstanceArns, [], 'the query language sees it disconnected too')

  // The agent comes back through A and is A's now.
  const back = await fakeAgent(t, a, {
    cluster,
    containerInstanceArn: agent.containerInstanceArn,
  })
  await back.connect()
  await waitFor(async () => (await instance(a, cluster, agent.containerInstanceArn)).agentConnected)
  const again = body(await rawCall(a, 'RunTask', { cluster, taskDefinition: 'web' }))
  t.equal(again.failures.length, 0)
  await back.until(tasks => tasks.has(again.tasks[0].taskArn))
})
