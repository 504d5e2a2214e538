import {
  CreateClusterCommand,
  DeregisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StartTaskCommand,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { APP_CONTAINERS, clusterWithAgent, untilConnected } from '../fixtures/cluster.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { client, testServer } from '../fixtures/server.js'

t.test('an empty cluster has nowhere to place', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(new CreateClusterCommand({ clusterName: 'ops' }))
  await ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: APP_CONTAINERS }),
  )
  await t.rejects(ecs.send(new RunTaskCommand({ cluster: 'ops', taskDefinition: 'app' })), {
    name: 'InvalidParameterException',
    message: 'No Container Instances were found in your cluster.',
  })
})

t.test('refused requests', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'gone',
      containerDefinitions: [{ name: 'a', image: 'busybox', memory: 64 }],
    }),
  )
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'gone:1' }))
  const cases: { name: string; given: Partial<RunTaskCommandInput>; want: string }[] = [
    { name: 'count over 10', given: { count: 11 }, want: 'InvalidParameterException' },
    { name: 'FARGATE', given: { launchType: 'FARGATE' }, want: 'InvalidParameterException' },
    { name: 'an unknown family', given: { taskDefinition: 'nope' }, want: 'ClientException' },
    { name: 'an INACTIVE revision', given: { taskDefinition: 'gone:1' }, want: 'ClientException' },
    {
      name: 'startedBy over 128',
      given: { startedBy: 'x'.repeat(129) },
      want: 'InvalidParameterException',
    },
    {
      name: 'group over 255',
      given: { group: 'x'.repeat(256) },
      want: 'InvalidParameterException',
    },
    {
      name: 'overrides over 8 KiB',
      given: { overrides: { containerOverrides: [{ name: 'a', command: ['x'.repeat(9000)] }] } },
      want: 'InvalidParameterException',
    },
    { name: 'an unknown cluster', given: { cluster: 'none' }, want: 'ClusterNotFoundException' },
  ]
  for (const { name, given, want } of cases) {
    await t.rejects(
      ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app', ...given })),
      { name: want },
      name,
    )
  }
})

t.test('overrides set the sizes of the tasks', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: 'app',
      count: 3,
      startedBy: 'me',
      tags: [{ key: 'k', value: 'v' }],
      overrides: { containerOverrides: [{ name: 'a', cpu: 20 }], memory: '1GB' },
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
    }),
  )
  t.equal(tasks.length, 3)
  t.equal(tasks[0]?.cpu, '20')
  t.equal(tasks[0]?.memory, '1024')
  t.equal(tasks[0]?.containers?.[1]?.memoryReservation, '32')
})

t.test('what does not fit is a failure with its reason', async t => {
  const { ecs, cluster } = await clusterWithAgent(t, { agent: { memory: 3000 } })
  await ecs.send(
    new RunTaskCommand({ cluster, taskDefinition: 'app', count: 2, overrides: { memory: '1GB' } }),
  )
  const full = await ecs.send(
    new RunTaskCommand({ cluster, taskDefinition: 'app', count: 2, overrides: { memory: '1GB' } }),
  )
  t.same(full.tasks, [])
  t.match(full.failures?.[0], { reason: 'RESOURCE:MEMORY', detail: /memory/ })
})

t.test('placement constraints', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      group: 'batch',
      containerInstances: [agent.containerInstanceArn],
    }),
  )
  const distinct = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: 'app',
      group: 'batch',
      placementConstraints: [{ type: 'distinctInstance' }],
      overrides: { memory: '64' },
    }),
  )
  t.equal(distinct.failures?.[0]?.reason, 'DistinctInstance placement constraint unsatisfied.')
  const member = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: 'app',
      placementConstraints: [{ type: 'memberOf', expression: 'task:group != x' }],
    }),
  )
  t.equal(member.tasks?.length, 1)
})

t.test('placementStrategy: spread by zone, binpack on memory', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'small',
      containerDefinitions: [{ name: 's', image: 'busybox', memory: 256 }],
    }),
  )
  const agents = async (cluster: string, sizes: { memory: number; zone: string }[]) => {
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }))
    const arns: string[] = []
    for (const { memory, zone } of sizes) {
      const agent = await fakeAgent(t, server, {
        cluster,
        memory,
        attributes: [{ name: 'ecs.availability-zone', value: zone }],
      })
      await agent.connect()
      await untilConnected(ecs, cluster, agent.containerInstanceArn)
      arns.push(agent.containerInstanceArn)
    }
    return arns
  }
  const perInstance = (tasks: Task[] | undefined, arns: string[]) =>
    arns.map(arn => (tasks ?? []).filter(task => task.containerInstanceArn === arn).length)

  const zoned = await agents('zoned', [
    { memory: 4096, zone: 'us-east-1a' },
    { memory: 4096, zone: 'us-east-1a' },
    { memory: 4096, zone: 'us-east-1b' },
  ])
  const spread = await ecs.send(
    new RunTaskCommand({
      cluster: 'zoned',
      taskDefinition: 'small',
      count: 4,
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'spread', field: 'instanceId' },
      ],
    }),
  )
  t.same(perInstance(spread.tasks, zoned), [1, 1, 2], 'two tasks per zone, one per instance in 1a')

  const sized = await agents('sized', [
    { memory: 4096, zone: 'us-east-1a' },
    { memory: 1024, zone: 'us-east-1a' },
    { memory: 2048, zone: 'us-east-1a' },
  ])
  const binpack = await ecs.send(
    new RunTaskCommand({
      cluster: 'sized',
      taskDefinition: 'small',
      count: 6,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
    }),
  )
  t.same(perInstance(binpack.tasks, sized), [0, 4, 2], 'the smallest fills first, then the next')
})
