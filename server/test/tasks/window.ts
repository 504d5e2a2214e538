/**
 * RunTask first reads a random window of the cluster (count + 2 instances); only when the
 * window cannot take the tasks does it read every instance, so that a task still finds the one
 * instance that fits, and the failures name every instance with its reason.
 */
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

t.test('a task finds the one instance that fits, beyond the window', async t => {
  const server = await testServer(t)
  const cluster = 'wide'
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'large',
    containerDefinitions: [{ name: 'l', image: 'busybox', cpu: 1024, memory: 64 }],
  })
  const agents = []
  for (let i = 0; i < 12; i++) {
    const agent = await fakeAgent(t, server, { cluster, cpu: i === 7 ? 4096 : 256 })
    await agent.connect()
    agents.push(agent)
  }
  const big = agents[7]?.containerInstanceArn
  await new Promise(resolve => setTimeout(resolve, 200))

  for (let i = 0; i < 4; i++) {
    const run = await rawCall(server, 'RunTask', { cluster, taskDefinition: 'large' })
    const tasks = run.body['tasks'] as { containerInstanceArn: string }[]
    t.equal(tasks[0]?.containerInstanceArn, big, `task ${String(i + 1)} lands on the large one`)
  }
  const full = await rawCall(server, 'RunTask', { cluster, taskDefinition: 'large' })
  t.same(full.body['tasks'], [])
  const failures = full.body['failures'] as { arn: string; reason: string }[]
  t.same(
    failures.map(f => f.arn).sort(),
    agents.map(a => a.containerInstanceArn).sort(),
    'every instance of the cluster is named',
  )
  t.ok(failures.every(f => f.reason === 'RESOURCE:CPU'))
})
