/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
/**
 * RunTask's clientToken through the server, on SQLite and PostgreSQL: a repeated token answers
 * the original tasks and creates none, other parameters are a ConflictException naming them,
 * concurrent calls with one token create one set of tasks, tokens are per cluster, a call that
 * failed records nothing, and a token whose tasks are gone is free again.
 */
import t, { type Test } from 'tap'
import type { RunningServer, ServerOptions } from '../../src/main.js'
import { fakeAgent, type FakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer, type RawResponse } from '../fixtures/server.js'
import { onEachStore } from '../fixtures/postgres-schema.js'

t.setTimeout(120_000)

const body = (r: RawResponse) => r.body as any
const arns = (r: RawResponse): string[] => body(r).tasks.map((task: any) => task.taskArn)

async function listed(server: RunningServer, cluster: string): Promise<string[]> {
  return body(await rawCall(server, 'ListTasks', { cluster })).taskArns
}

async function readyCluster(t: Test, server: RunningServer, cluster: string): Promise<FakeAgent> {
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  const agent = await fakeAgent(t, server, { cluster })
  await agent.connect()
  const deadline = Date.now() + 5000
  for (;;) {
    const described = await rawCall(server, 'DescribeContainerInstances', {
      cluster,
      containerInstances: [agent.containerInstanceArn],
    })
    if (body(described).containerInstances[0].agentConnected === true) return agent
    if (Date.now() > deadline) throw new Error('the agent did not connect within 5 s')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function suite(t: Test, options: ServerOptions): Promise<void> {
  const server = await testServer(t, {
    ...options,
    stoppedTaskRetentionMs: 200,
  })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 10, memory: 16 }],
  })
  const agent = await readyCluster(t, server, 'one')
  await readyCluster(t, server, 'two')

  const call = { cluster: 'one', taskDefinition: 'web', count: 2, clientToken: 'tok-1' }
  const first = await rawCall(server, 'RunTask', call)
  t.equal(first.status, 200)
  t.equal(arns(first).length, 2)
  const again = await rawCall(server, 'RunTask', { ...call, cluster: 'one' })
  t.equal(again.status, 200)
  t.same(arns(again), arns(first), 'the same tasks')
  t.same(body(again).failures, [])
  t.same((await listed(server, 'one')).sort(), arns(first).sort(), 'and no more')

  const conflict = await rawCall(server, 'RunTask', { ...call, count: 1 })
  t.equal(conflict.status, 400)
  t.same(body(conflict), {
    __type: 'ConflictException',
    message: 'The provided clientToken is already in use with a different RunTask request.',
    resourceIds: arns(first),
  })
  t.equal((await listed(server, 'one')).length, 2, 'the conflict created nothing')

  const otherCluster = await rawCall(server, 'RunTask', { ...call, cluster: 'two' })
  t.equal(arns(otherCluster).length, 2, 'a token is per cluster')
  t.notSame(arns(otherCluster), arns(first))

  const racing = await Promise.all(
    Array.from({ length: 10 }, () =>
      rawCall(server, 'RunTask', { cluster: 'one', taskDefinition: 'web', clientToken: 'race' }),
    ),
  )
  t.ok(
    racing.every(r => r.status === 200),
    'every concurrent call is answered',
  )
  const raced = new Set(racing.flatMap(arns))
  t.equal(raced.size, 1, 'concurrent calls with one token create one task')
  t.equal((await listed(server, 'one')).length, 3)

  const failed = await rawCall(server, 'RunTask', {
    cluster: 'empty',
    taskDefinition: 'web',
    clientToken: 'tok-2',
  })
  t.equal(body(failed).__type, 'ClusterNotFoundException')
  await readyCluster(t, server, 'empty')
  const retried = await rawCall(server, 'RunTask', {
    cluster: 'empty',
    taskDefinition: 'web',
    clientToken: 'tok-2',
  })
  t.equal(arns(retried).length, 1, 'a call that failed recorded no token')

  // Once its tasks are stopped and past retention, the token runs new tasks.
  for (const arn of arns(first)) await agent.report(arn, 'STOPPED', {})
  await new Promise(resolve => setTimeout(resolve, 300))
  const afterRetention = await rawCall(server, 'RunTask', call)
  t.equal(arns(afterRetention).length, 2)
  t.notSame(arns(afterRetention), arns(first), 'new tasks once the old ones are gone')
}

await onEachStore(t, 'run_task_token', suite)
