/**
 * Reservations are transactional: many parallel RunTask calls fill a cluster exactly and never
 * over-commit an instance, on SQLite and on PostgreSQL.
 */
import t, { type Test } from 'tap'
import { withExternal } from '../../../test/support/external.js'
import type { RunningServer } from '../../src/main.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'

t.setTimeout(120_000)

interface Failure {
  reason: string
}

async function fillCluster(t: Test, server: RunningServer): Promise<void> {
  const cluster = 'busy'
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'worker',
    containerDefinitions: [{ name: 'w', image: 'busybox', cpu: 256, memory: 128 }],
  })
  const agents = []
  for (let i = 0; i < 4; i++) {
    const agent = await fakeAgent(t, server, { cluster, cpu: 1024, memory: 8192 })
    await agent.connect()
    agents.push(agent)
  }
  await new Promise(resolve => setTimeout(resolve, 200))
  const answers = await Promise.all(
    Array.from({ length: 40 }, () =>
      rawCall(server, 'RunTask', { cluster, taskDefinition: 'worker' }),
    ),
  )
  t.ok(
    answers.every(a => a.status === 200),
    'every call answered 200',
  )
  const placed = answers.flatMap(a => a.body['tasks'] as object[])
  t.equal(placed.length, 16, 'exactly the capacity is placed')
  const failures = answers.flatMap(a => a.body['failures'] as Failure[])
  t.ok(failures.length > 0 && failures.every(f => f.reason === 'RESOURCE:CPU'))
  const described = await rawCall(server, 'DescribeContainerInstances', {
    cluster,
    containerInstances: agents.map(a => a.containerInstanceArn),
  })
  for (const instance of described.body['containerInstances'] as {
    remainingResources: { name: string; integerValue: number }[]
    pendingTasksCount: number
  }[]) {
    t.equal(instance.remainingResources.find(r => r.name === 'CPU')?.integerValue, 0)
    t.equal(instance.pendingTasksCount, 4)
  }
  const listed = await rawCall(server, 'ListTasks', { cluster })
  t.equal((listed.body['taskArns'] as string[]).length, 16)
}

t.test('SQLite: parallel RunTask never over-commits', async t => {
  await fillCluster(t, await testServer(t))
})

await withExternal(t, ['postgres'], 'PostgreSQL: parallel RunTask never over-commits', async t => {
  const store = await postgresSchema(t, 'tasks_concurrency')
  await fillCluster(t, await testServer(t, { store }))
})
