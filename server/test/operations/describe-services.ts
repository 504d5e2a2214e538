import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { serviceCluster, webAndDaemon } from '../fixtures/services.js'

t.test('counts come from the tasks of the service and of each deployment', async t => {
  const made = await serviceCluster(t, { agent: true })
  const { ecs, cluster, agent } = made
  const service = await webAndDaemon(made)
  const run = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: 'web',
      group: 'service:web',
      startedBy: service?.deployments?.[0]?.id,
      count: 2,
    }),
  )
  await agent?.report(run.tasks?.[0]?.taskArn ?? '', 'RUNNING')
  const described = await ecs.send(
    new DescribeServicesCommand({ cluster, services: ['web', 'missing'], include: ['TAGS'] }),
  )
  t.match(described.services?.[0], { runningCount: 1, pendingCount: 1 })
  t.match(described.services?.[0]?.deployments?.[0], { runningCount: 1, pendingCount: 1 })
  t.same(
    described.failures?.map(f => f.reason),
    ['MISSING'],
  )
  const { clusters } = await ecs.send(new DescribeClustersCommand({ clusters: [cluster] }))
  t.match(clusters?.[0], { activeServicesCount: 2, runningTasksCount: 1, pendingTasksCount: 1 })
  const { taskArns } = await ecs.send(new ListTasksCommand({ cluster, serviceName: 'web' }))
  t.equal(taskArns?.length, 2, 'ListTasks finds the tasks of a service by its name')
})

t.test('at most 10 services', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  await t.rejects(
    ecs.send(new DescribeServicesCommand({ cluster, services: Array<string>(11).fill('x') })),
    { name: 'InvalidParameterException' },
  )
})

t.test('an unknown name fails with service/<name>, without the cluster', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  const { failures } = await ecs.send(new DescribeServicesCommand({ cluster, services: ['ghost'] }))
  t.same(failures, [{ arn: 'arn:aws:ecs:us-east-1:000000000000:service/ghost', reason: 'MISSING' }])
})
