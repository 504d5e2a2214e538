import {
  DescribeTasksCommand,
  RunTaskCommand,
  SubmitContainerStateChangeCommand,
  type SubmitContainerStateChangeCommandInput,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('the legacy container call moves the task once every container reports', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app' }))
  const task = tasks[0]?.taskArn ?? ''
  const describe = async () =>
    (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task] }))).tasks?.[0]
  const steps: {
    given: Omit<SubmitContainerStateChangeCommandInput, 'cluster' | 'task'>
    want: string
  }[] = [
    { given: { containerName: 'a', status: 'RUNNING' }, want: 'PENDING' },
    { given: { containerName: 'b', status: 'RUNNING', networkBindings: [] }, want: 'RUNNING' },
    {
      given: { containerName: 'a', status: 'STOPPED', exitCode: 1, reason: 'boom' },
      want: 'RUNNING',
    },
    { given: { containerName: 'b', status: 'STOPPED', exitCode: 137 }, want: 'STOPPED' },
  ]
  for (const { given, want } of steps) {
    const answer = await ecs.send(
      new SubmitContainerStateChangeCommand({ cluster, task, ...given }),
    )
    t.equal(answer.acknowledgment, 'ACK')
    t.equal(
      (await describe())?.lastStatus,
      want,
      `${given.containerName ?? ''} ${given.status ?? ''}`,
    )
  }
  const done = await describe()
  t.match(done, {
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
  })
  t.equal(done?.containers?.[0]?.reason, 'boom')
  const unknown = await ecs.send(
    new SubmitContainerStateChangeCommand({
      cluster,
      task,
      containerName: 'zz',
      status: 'RUNNING',
    }),
  )
  t.equal(unknown.acknowledgment, 'ACK', 'a container the task lacks is acknowledged')
})
