import {
  AttributeLimitExceededException,
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteAttributesCommand,
  DeregisterContainerInstanceCommand,
  DescribeContainerInstancesCommand,
  InvalidParameterException,
  ListAttributesCommand,
  ListContainerInstancesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  TargetNotFoundException,
  UpdateContainerInstancesStateCommand,
  type Resource,
} from '@aws-sdk/client-ecs'
import t, { type Test } from 'tap'
import { client, testServer } from '../fixtures/server.js'

const resources: Resource[] = [
  { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
  { name: 'MEMORY', type: 'INTEGER', integerValue: 3768 },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
]

const identity = (instanceId: string, az: string) =>
  JSON.stringify({
    instanceId,
    availabilityZone: az,
    instanceType: 't3.medium',
    imageId: 'ami-123',
    region: 'us-east-1',
  })

async function setup(t: Test) {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  const register = (id: string, az: string, attributes: { name: string; value?: string }[] = []) =>
    ecs.send(
      new RegisterContainerInstanceCommand({
        cluster: 'c',
        totalResources: resources,
        instanceIdentityDocument: identity(id, az),
        versionInfo: {
          agentVersion: '1.80.0',
          agentHash: 'abc',
          dockerVersion: 'DockerVersion: 25.0.0',
        },
        attributes: [{ name: 'ecs.os-type', value: 'linux' }, ...attributes],
      }),
    )
  return { server, ecs, register }
}

t.test('register as the agent does, describe, re-register', async t => {
  const { ecs, register } = await setup(t)
  const { containerInstance: ci } = await register('i-1', 'us-east-1a')
  t.match(
    ci?.containerInstanceArn,
    /^arn:aws:ecs:us-east-1:000000000000:container-instance\/c\/[0-9a-f]{32}$/,
  )
  t.equal(ci?.ec2InstanceId, 'i-1')
  t.equal(ci?.status, 'ACTIVE')
  t.same(ci?.registeredResources, resources)
  t.same(ci?.remainingResources, resources)
  t.same(ci?.versionInfo?.agentVersion, '1.80.0')
  t.match(ci?.attributes, [
    { name: 'ecs.availability-zone', value: 'us-east-1a' },
    { name: 'ecs.instance-type', value: 't3.medium' },
    { name: 'ecs.ami-id', value: 'ami-123' },
    { name: 'ecs.os-type', value: 'linux' },
  ])
  const arn = ci!.containerInstanceArn!
  const id = arn.split('/')[2]!
  const described = await ecs.send(
    new DescribeContainerInstancesCommand({
      cluster: 'c',
      containerInstances: [id, arn, 'f'.repeat(32)],
      include: ['TAGS'],
    }),
  )
  t.equal(described.containerInstances?.length, 2)
  t.same(described.failures, [
    {
      arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${'f'.repeat(32)}`,
      reason: 'MISSING',
    },
  ])
  const again = await ecs.send(
    new RegisterContainerInstanceCommand({
      cluster: 'c',
      containerInstanceArn: arn,
      totalResources: resources.slice(0, 2),
    }),
  )
  t.equal(again.containerInstance?.containerInstanceArn, arn, 'refreshing keeps the ARN')
  t.equal(again.containerInstance?.version, 2)
  t.equal(again.containerInstance?.registeredResources?.length, 2)
  await t.rejects(
    ecs.send(
      new RegisterContainerInstanceCommand({ cluster: 'c', containerInstanceArn: 'f'.repeat(32) }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(new RegisterContainerInstanceCommand({ cluster: 'nope' })),
    ClusterNotFoundException,
  )
  await t.rejects(
    ecs.send(
      new RegisterContainerInstanceCommand({ cluster: 'c', instanceIdentityDocument: '{not json' }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new RegisterContainerInstanceCommand({ cluster: 'c', totalResources: [{ name: 'CPU' }] }),
    ),
    InvalidParameterException,
  )
})

t.test('list with status and the cluster query language; drain; deregister', async t => {
  const { ecs, register } = await setup(t)
  const a = (await register('i-a', 'us-east-1a')).containerInstance!.containerInstanceArn!
  const b = (await register('i-b', 'us-east-1b', [{ name: 'stack', value: 'prod' }]))
    .containerInstance!.containerInstanceArn!
  const list = async (input: { filter?: string; status?: 'ACTIVE' | 'DRAINING' }) =>
    (
      (await ecs.send(new ListContainerInstancesCommand({ cluster: 'c', ...input })))
        .containerInstanceArns ?? []
    ).sort()
  t.same(await list({}), [a, b].sort())
  t.same(await list({ filter: 'attribute:ecs.availability-zone == us-east-1b' }), [b])
  t.same(await list({ filter: 'attribute:stack exists' }), [b])
  t.same(await list({ filter: 'ec2InstanceId in [i-a, i-z]' }), [a])
  await t.rejects(
    ecs.send(new ListContainerInstancesCommand({ cluster: 'c', filter: 'attribute:stack ==' })),
    {
      name: 'InvalidParameterException',
      message: /filter/,
    },
  )

  const drained = await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster: 'c',
      containerInstances: [a, 'f'.repeat(32)],
      status: 'DRAINING',
    }),
  )
  t.equal(drained.containerInstances?.[0]?.status, 'DRAINING')
  t.equal(drained.failures?.[0]?.reason, 'MISSING')
  t.same(await list({ status: 'DRAINING' }), [a])
  t.same(await list({ status: 'ACTIVE' }), [b])
  await t.rejects(
    ecs.send(
      new UpdateContainerInstancesStateCommand({
        cluster: 'c',
        containerInstances: [a],
        status: 'INACTIVE' as 'ACTIVE',
      }),
    ),
    InvalidParameterException,
  )

  const gone = await ecs.send(
    new DeregisterContainerInstanceCommand({ cluster: 'c', containerInstance: a, force: true }),
  )
  t.equal(gone.containerInstance?.status, 'INACTIVE')
  t.same(await list({}), [b], 'INACTIVE instances are not listed')
  const after = await ecs.send(
    new UpdateContainerInstancesStateCommand({
      cluster: 'c',
      containerInstances: [a],
      status: 'ACTIVE',
    }),
  )
  t.equal(after.failures?.[0]?.reason, 'INACTIVE')
  await t.rejects(
    ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'c', containerInstance: a })),
    InvalidParameterException,
  )
})

t.test('ListContainerInstances paginates', async t => {
  const { ecs, register } = await setup(t)
  const arns: string[] = []
  for (let i = 0; i < 5; i++)
    arns.push((await register(`i-${i}`, 'us-east-1a')).containerInstance!.containerInstanceArn!)
  const seen: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(
      new ListContainerInstancesCommand({ cluster: 'c', maxResults: 2, nextToken }),
    )
    seen.push(...(page.containerInstanceArns ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  t.same(seen.sort(), arns.sort())
})

t.test('attributes: put, list, delete, limits', async t => {
  const { ecs, register } = await setup(t)
  const arn = (await register('i-1', 'us-east-1a')).containerInstance!.containerInstanceArn!
  const id = arn.split('/')[2]!
  await ecs.send(
    new PutAttributesCommand({
      cluster: 'c',
      attributes: [
        { name: 'stack', value: 'prod', targetId: arn },
        { name: 'gpu', targetId: id, targetType: 'container-instance' },
      ],
    }),
  )
  const listed = await ecs.send(
    new ListAttributesCommand({
      cluster: 'c',
      targetType: 'container-instance',
      attributeName: 'stack',
    }),
  )
  t.same(listed.attributes, [
    { name: 'stack', value: 'prod', targetType: 'container-instance', targetId: arn },
  ])
  const byValue = await ecs.send(
    new ListAttributesCommand({
      cluster: 'c',
      targetType: 'container-instance',
      attributeName: 'stack',
      attributeValue: 'dev',
    }),
  )
  t.same(byValue.attributes, [])
  const all: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(
      new ListAttributesCommand({
        cluster: 'c',
        targetType: 'container-instance',
        maxResults: 2,
        nextToken,
      }),
    )
    all.push(...(page.attributes ?? []).map(a => a.name!))
    nextToken = page.nextToken
  } while (nextToken)
  t.same(all.sort(), [
    'ecs.ami-id',
    'ecs.availability-zone',
    'ecs.instance-type',
    'ecs.os-type',
    'gpu',
    'stack',
  ])

  await ecs.send(
    new DeleteAttributesCommand({ cluster: 'c', attributes: [{ name: 'stack', targetId: arn }] }),
  )
  const after = await ecs.send(
    new ListAttributesCommand({
      cluster: 'c',
      targetType: 'container-instance',
      attributeName: 'stack',
    }),
  )
  t.same(after.attributes, [])

  await t.rejects(
    ecs.send(
      new PutAttributesCommand({
        cluster: 'c',
        attributes: [{ name: 'x', value: 'y', targetId: 'f'.repeat(32) }],
      }),
    ),
    TargetNotFoundException,
  )
  await t.rejects(
    ecs.send(
      new DeleteAttributesCommand({
        cluster: 'c',
        attributes: [{ name: 'x', targetId: 'f'.repeat(32) }],
      }),
    ),
    TargetNotFoundException,
  )
  await t.rejects(
    ecs.send(new PutAttributesCommand({ cluster: 'c', attributes: [{ name: 'x', value: 'y' }] })),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new PutAttributesCommand({
        cluster: 'c',
        attributes: [{ name: '!bad', value: 'y', targetId: arn }],
      }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new PutAttributesCommand({
        cluster: 'c',
        attributes: [{ name: 'x', value: 'bad value!', targetId: arn }],
      }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new PutAttributesCommand({
        cluster: 'c',
        attributes: [{ name: 'x', targetId: arn, targetType: 'task' as 'container-instance' }],
      }),
    ),
    InvalidParameterException,
  )
  const many = Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, value: 'v', targetId: arn }))
  await t.rejects(
    ecs.send(new PutAttributesCommand({ cluster: 'c', attributes: many })),
    AttributeLimitExceededException,
  )
  await t.rejects(
    ecs.send(
      new PutAttributesCommand({
        cluster: 'c',
        attributes: [...many, { name: 'k10', targetId: arn }],
      }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new ListAttributesCommand({
        cluster: 'c',
        targetType: 'container-instance',
        attributeValue: 'x',
      }),
    ),
    InvalidParameterException,
  )
})
