import {
  CreateClusterCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'

t.test('tags only when asked for; unknown tasks are MISSING', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(
    new RunTaskCommand({ cluster, taskDefinition: 'app', tags: [{ key: 'k', value: 'v' }] }),
  )
  const arn = tasks[0]?.taskArn ?? ''
  const described = await ecs.send(
    new DescribeTasksCommand({ cluster, tasks: [arn, 'f'.repeat(32)], include: ['TAGS'] }),
  )
  t.same(described.tasks?.[0]?.tags, [{ key: 'k', value: 'v' }])
  t.same(
    described.failures?.map(f => f.reason),
    ['MISSING'],
  )
  const plain = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [arn] }))
  t.notOk(plain.tasks?.[0]?.tags)
  await t.rejects(
    ecs.send(new DescribeTasksCommand({ cluster, tasks: Array<string>(101).fill('x') })),
    { name: 'InvalidParameterException' },
    'at most 100 tasks',
  )
})

t.test('stopped tasks read as missing after the retention time', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t, {
    server: { stoppedTaskRetentionMs: 300 },
  })
  const { tasks = [] } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app' }))
  const arn = tasks[0]?.taskArn ?? ''
  await ecs.send(new StopTaskCommand({ cluster, task: arn }))
  await agent.report(arn, 'STOPPED')
  const stopped = () =>
    ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED' })).then(l => l.taskArns)
  t.same(await stopped(), [arn])
  await new Promise(resolve => setTimeout(resolve, 400))
  t.same(await stopped(), [])
  const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [arn] }))
  t.equal(described.failures?.[0]?.reason, 'MISSING')
})

t.test('an empty list is refused as ECS refuses it', async t => {
  const ecs = client(await testServer(t))
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  const error = await refusal(ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: [] })))
  t.type(error, InvalidParameterException)
  t.equal(error.message, 'Tasks cannot be empty.')
})
