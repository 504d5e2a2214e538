import {
  DescribeTasksCommand,
  RunTaskCommand,
  SubmitTaskStateChangeCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('a report never moves a task back; an unknown task is refused', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app' }))
  const task = tasks[0]?.taskArn ?? ''
  await agent.report(task, 'STOPPED')
  const late = await ecs.send(
    new SubmitTaskStateChangeCommand({ cluster, task, status: 'RUNNING' }),
  )
  t.equal(late.acknowledgment, 'ACK')
  const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task] }))
  t.equal(described.tasks?.[0]?.lastStatus, 'STOPPED')
  await t.rejects(
    ecs.send(
      new SubmitTaskStateChangeCommand({ cluster, task: 'f'.repeat(32), status: 'RUNNING' }),
    ),
    { name: 'InvalidParameterException' },
  )
})
