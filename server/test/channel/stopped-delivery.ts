/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- wire answers are read loosely here */
/**
 * However a task comes to be STOPPED on the server, its agent is told: StopTask, a
 * SubmitTaskStateChange from any caller of the account, a forced deregistration of its instance.
 */
import t, { type Test } from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

async function setup(t: Test) {
  const server = await testServer(t)
  const cluster = 'stops'
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128 }],
  })
  const agent = await fakeAgent(t, server, { cluster })
  await agent.connect()
  await new Promise(resolve => setTimeout(resolve, 100))
  const run = (await rawCall(server, 'RunTask', { cluster, taskDefinition: 'web' })).body as any
  const taskArn = run.tasks[0].taskArn as string
  await agent.until(tasks => tasks.get(taskArn)?.desiredStatus === 'RUNNING')
  await agent.report(taskArn, 'RUNNING')
  return { server, cluster, agent, taskArn }
}

t.test('a STOPPED reported by another caller is delivered as desired STOPPED', async t => {
  const { server, cluster, agent, taskArn } = await setup(t)
  const before = agent.payloads.length
  const answer = await rawCall(server, 'SubmitTaskStateChange', {
    cluster,
    task: taskArn,
    status: 'STOPPED',
    reason: 'forged',
  })
  t.equal(answer.status, 200)
  await agent.until(tasks => tasks.get(taskArn)?.desiredStatus === 'STOPPED')
  t.ok(agent.payloads.length > before, 'in a payload of its own')
})

t.test('a report that changes nothing desired is not sent back', async t => {
  const { agent, taskArn } = await setup(t)
  const before = agent.payloads.length
  await agent.report(taskArn, 'RUNNING', { containers: [{ containerName: 'web', exitCode: 0 }] })
  await new Promise(resolve => setTimeout(resolve, 300))
  t.equal(agent.payloads.length, before)
})

t.test('a forced deregistration stops its tasks and tells the agent', async t => {
  const { server, cluster, agent, taskArn } = await setup(t)
  const answer = await rawCall(server, 'DeregisterContainerInstance', {
    cluster,
    containerInstance: agent.containerInstanceArn,
    force: true,
  })
  t.equal(answer.status, 200)
  await agent.until(tasks => tasks.get(taskArn)?.desiredStatus === 'STOPPED')
  const task = ((await rawCall(server, 'DescribeTasks', { cluster, tasks: [taskArn] })).body as any)
    .tasks[0]
  t.equal(task.stoppedReason, 'Container instance deregistration forced by user')
})

t.test('a task placed while a full list is read travels inside that list', async t => {
  const { server, cluster, agent } = await setup(t)
  agent.requestTaskList()
  const run = (await rawCall(server, 'RunTask', { cluster, taskDefinition: 'web' })).body as any
  const placed = run.tasks[0].taskArn as string
  await agent.until(tasks => tasks.has(placed))
  await new Promise(resolve => setTimeout(resolve, 200))
  const lastFull = agent.payloads.filter(p => p.full).at(-1)
  const arrivals = agent.payloads.map(p => p.tasks.some(x => x.taskArn === placed))
  const fullIndex = agent.payloads.lastIndexOf(lastFull ?? { full: true, tasks: [], at: 0 })
  t.ok(
    lastFull?.tasks.some(x => x.taskArn === placed) === true || arrivals.indexOf(true) > fullIndex,
    'never a full list without it after a payload with it',
  )
})
