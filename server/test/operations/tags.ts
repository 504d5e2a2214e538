import {
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  InvalidParameterException,
  ListTagsForResourceCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  ResourceNotFoundException,
  RunTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'
import { serviceCluster } from '../fixtures/services.js'

t.test('tags on clusters, container instances and task definitions', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const cluster = (await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))).cluster!
    .clusterArn!
  const instance = (await ecs.send(new RegisterContainerInstanceCommand({ cluster: 'c' })))
    .containerInstance!.containerInstanceArn!
  const td = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'f',
        containerDefinitions: [{ name: 'a', image: 'i', memory: 64 }],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!
  for (const arn of [cluster, instance, td]) {
    await ecs.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      }),
    )
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '3' }] }))
    await ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['b', 'missing'] }))
    const { tags } = await ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))
    t.same(tags, [{ key: 'a', value: '3' }], arn)
  }
})

t.test('unknown and foreign resources', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const account = 'arn:aws:ecs:us-east-1:000000000000'
  await t.rejects(
    ecs.send(new ListTagsForResourceCommand({ resourceArn: `${account}:cluster/none` })),
    ClusterNotFoundException,
  )
  for (const arn of [
    `${account}:container-instance/c/${'a'.repeat(32)}`,
    `${account}:task-definition/none:1`,
    `${account}:service/c/s`,
    `${account}:task/c/${'a'.repeat(32)}`,
    `${account}:capacity-provider/p`,
    `${account}:task-set/c/s/ecs-svc/1`,
    'arn:aws:ecs:eu-west-1:000000000000:cluster/c',
  ]) {
    await t.rejects(
      ecs.send(new ListTagsForResourceCommand({ resourceArn: arn })),
      ResourceNotFoundException,
      arn,
    )
  }
  await t.rejects(
    ecs.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })),
    InvalidParameterException,
  )
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  const arn = `${account}:cluster/c`
  await t.rejects(
    ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'aws:x', value: '1' }] })),
    InvalidParameterException,
  )
  const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
  await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: fifty }))
  await t.rejects(
    ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'one-more', value: 'v' }] })),
    InvalidParameterException,
  )
})

t.test('tags on services and tasks', async t => {
  const { ecs, cluster } = await serviceCluster(t, { agent: true })
  const { service } = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
    }),
  )
  const { tasks } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'web' }))
  for (const resourceArn of [service?.serviceArn ?? '', tasks?.[0]?.taskArn ?? '']) {
    await ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'team', value: 'a' }] }))
    const { tags } = await ecs.send(new ListTagsForResourceCommand({ resourceArn }))
    t.ok(
      tags?.some(tag => tag.key === 'team' && tag.value === 'a'),
      resourceArn,
    )
  }
})

t.test('at most 50 tags on a resource, however they arrive', async t => {
  const ecs = client(await testServer(t))
  const tags = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: `k${String(from + i)}`, value: 'v' }))
  const { cluster } = await ecs.send(
    new CreateClusterCommand({ clusterName: 'tagged', tags: tags(0, 30) }),
  )
  const resourceArn = cluster?.clusterArn ?? ''
  const error = await refusal(ecs.send(new TagResourceCommand({ resourceArn, tags: tags(30, 21) })))
  t.type(error, InvalidParameterException)
  await ecs.send(new TagResourceCommand({ resourceArn, tags: tags(25, 25) }))
  const listed = await ecs.send(new ListTagsForResourceCommand({ resourceArn }))
  t.equal(listed.tags?.length, 50, 'replacing keys in use counts each key once')
})
