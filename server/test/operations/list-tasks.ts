import {
  ListTasksCommand,
  RunTaskCommand,
  StartTaskCommand,
  type ListTasksCommandInput,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('filters and pages', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app', count: 3, startedBy: 'me' }))
  await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      containerInstances: [agent.containerInstanceArn],
    }),
  )
  const filters: { given: Omit<ListTasksCommandInput, 'cluster'>; want: number }[] = [
    { given: {}, want: 4 },
    { given: { startedBy: 'me' }, want: 3 },
    { given: { family: 'app', containerInstance: agent.containerInstanceArn }, want: 4 },
    { given: { family: 'other' }, want: 0 },
    { given: { serviceName: 'svc' }, want: 0 },
    { given: { launchType: 'EC2', desiredStatus: 'STOPPED' }, want: 0 },
    { given: { containerInstance: 'not-an-id' }, want: 0 },
  ]
  for (const { given, want } of filters) {
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster, ...given }))
    t.equal(taskArns?.length, want, JSON.stringify(given))
  }
  await t.rejects(
    ecs.send(new ListTasksCommand({ cluster, startedBy: 'me', family: 'app' })),
    { name: 'InvalidParameterException' },
    'startedBy goes with no other filter',
  )
  const page = await ecs.send(new ListTasksCommand({ cluster, maxResults: 3 }))
  t.equal(page.taskArns?.length, 3)
  const rest = await ecs.send(
    new ListTasksCommand({ cluster, maxResults: 3, nextToken: page.nextToken }),
  )
  t.equal(rest.taskArns?.length, 1)
  t.notOk(rest.nextToken)
})
