import { ListTasksCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('StopTask sets desired STOPPED with its reason, once', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(
    new RunTaskCommand({ cluster, taskDefinition: 'app', count: 2 }),
  )
  const [first, second] = tasks.map(task => task.taskArn ?? '')
  await t.rejects(ecs.send(new StopTaskCommand({ cluster, task: 'f'.repeat(32) })), {
    name: 'InvalidParameterException',
  })
  const stop = await ecs.send(new StopTaskCommand({ cluster, task: first, reason: 'enough' }))
  t.equal(stop.task?.stoppedReason, 'enough')
  t.equal(stop.task?.desiredStatus, 'STOPPED')
  const again = await ecs.send(new StopTaskCommand({ cluster, task: first }))
  t.equal(again.task?.stoppedReason, 'enough', 'a second stop keeps the first reason')
  const plain = await ecs.send(new StopTaskCommand({ cluster, task: second }))
  t.equal(plain.task?.stoppedReason, 'Task stopped by user')
  await agent.report(first ?? '', 'STOPPED', {
    pullStartedAt: 1,
    pullStoppedAt: 2,
    executionStoppedAt: 3,
  })
  const { taskArns } = await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED' }))
  t.equal(taskArns?.length, 2)
})
