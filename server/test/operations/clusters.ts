import {
  ClusterContainsContainerInstancesException,
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterContainerInstanceCommand,
  DescribeClustersCommand,
  InvalidParameterException,
  ListClustersCommand,
  PutClusterCapacityProvidersCommand,
  RegisterContainerInstanceCommand,
  UpdateClusterCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { client, testServer } from '../fixtures/server.js'

t.test('cluster lifecycle', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const created = await ecs.send(
    new CreateClusterCommand({ clusterName: 'web', tags: [{ key: 'team', value: 'a' }] }),
  )
  t.equal(created.cluster?.clusterArn, 'arn:aws:ecs:us-east-1:000000000000:cluster/web')
  t.equal(created.cluster?.status, 'ACTIVE')
  t.same(created.cluster?.settings, [{ name: 'containerInsights', value: 'disabled' }])

  const again = await ecs.send(new CreateClusterCommand({ clusterName: 'web' }))
  t.same(again.cluster?.tags, [{ key: 'team', value: 'a' }], 'CreateCluster is idempotent')

  const described = await ecs.send(
    new DescribeClustersCommand({ clusters: ['web', 'nope'], include: ['TAGS', 'STATISTICS'] }),
  )
  t.equal(described.clusters?.length, 1)
  t.same(described.clusters?.[0]?.tags, [{ key: 'team', value: 'a' }])
  t.equal(described.clusters?.[0]?.statistics?.length, 8)
  t.same(described.failures, [
    { arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/nope', reason: 'MISSING' },
  ])
  const plain = await ecs.send(
    new DescribeClustersCommand({ clusters: [created.cluster!.clusterArn!] }),
  )
  t.equal(plain.clusters?.[0]?.tags, undefined, 'tags only with include TAGS')

  const updated = await ecs.send(
    new UpdateClusterSettingsCommand({
      cluster: 'web',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    }),
  )
  t.same(updated.cluster?.settings, [{ name: 'containerInsights', value: 'enabled' }])
  const configured = await ecs.send(
    new UpdateClusterCommand({
      cluster: 'web',
      configuration: { executeCommandConfiguration: { logging: 'DEFAULT' } },
      serviceConnectDefaults: { namespace: 'ns' },
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
    }),
  )
  t.same(configured.cluster?.configuration, { executeCommandConfiguration: { logging: 'DEFAULT' } })
  t.same(configured.cluster?.settings, [{ name: 'containerInsights', value: 'enhanced' }])
  await t.rejects(
    ecs.send(
      new UpdateClusterSettingsCommand({
        cluster: 'web',
        settings: [{ name: 'containerInsights', value: 'x' }],
      }),
    ),
    InvalidParameterException,
  )
  const providers = await ecs.send(
    new PutClusterCapacityProvidersCommand({
      cluster: 'web',
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    }),
  )
  t.same(providers.cluster?.capacityProviders, ['FARGATE'])
  await t.rejects(
    ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: 'web',
        capacityProviders: ['nope'],
        defaultCapacityProviderStrategy: [],
      }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: 'web',
        capacityProviders: [],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }],
      }),
    ),
    InvalidParameterException,
  )

  const deleted = await ecs.send(new DeleteClusterCommand({ cluster: 'web' }))
  t.equal(deleted.cluster?.status, 'INACTIVE')
  const afterDelete = await ecs.send(new DescribeClustersCommand({ clusters: ['web'] }))
  t.equal(afterDelete.clusters?.[0]?.status, 'INACTIVE', 'an INACTIVE cluster stays describable')
  t.same((await ecs.send(new ListClustersCommand({}))).clusterArns, [])
  await t.rejects(ecs.send(new DeleteClusterCommand({ cluster: 'web' })), ClusterNotFoundException)
  const recreated = await ecs.send(new CreateClusterCommand({ clusterName: 'web' }))
  t.equal(recreated.cluster?.status, 'ACTIVE', 'a deleted name can be created again')
  t.same(recreated.cluster?.tags, [])
})

t.test('the default cluster and bad names', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const before = await ecs.send(new DescribeClustersCommand({}))
  t.same(before.failures, [
    { arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default', reason: 'MISSING' },
  ])
  const created = await ecs.send(new CreateClusterCommand({}))
  t.equal(created.cluster?.clusterName, 'default')
  t.equal((await ecs.send(new DescribeClustersCommand({}))).clusters?.[0]?.clusterName, 'default')
  await t.rejects(
    ecs.send(new CreateClusterCommand({ clusterName: 'bad name!' })),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new CreateClusterCommand({ clusterName: 'x', tags: [{ key: 'aws:reserved', value: 'v' }] }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new CreateClusterCommand({
        clusterName: 'x',
        settings: [{ name: 'containerInsights', value: 'maybe' }],
      }),
    ),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(
      new DescribeClustersCommand({ clusters: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
    ),
    InvalidParameterException,
  )
  const arnOfOtherAccount = 'arn:aws:ecs:us-east-1:111111111111:cluster/default'
  await t.rejects(
    ecs.send(new DeleteClusterCommand({ cluster: arnOfOtherAccount })),
    ClusterNotFoundException,
  )
})

t.test('DeleteCluster is refused while container instances are registered', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  const { containerInstance } = await ecs.send(
    new RegisterContainerInstanceCommand({ cluster: 'c' }),
  )
  await t.rejects(
    ecs.send(new DeleteClusterCommand({ cluster: 'c' })),
    ClusterContainsContainerInstancesException,
  )
  const described = await ecs.send(new DescribeClustersCommand({ clusters: ['c'] }))
  t.equal(described.clusters?.[0]?.registeredContainerInstancesCount, 1)
  await ecs.send(
    new DeregisterContainerInstanceCommand({
      cluster: 'c',
      containerInstance: containerInstance!.containerInstanceArn!,
    }),
  )
  t.equal((await ecs.send(new DeleteClusterCommand({ cluster: 'c' }))).cluster?.status, 'INACTIVE')
})

t.test('ListClusters paginates', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const names = Array.from({ length: 7 }, (_, i) => `c${i}`)
  for (const clusterName of names) await ecs.send(new CreateClusterCommand({ clusterName }))
  const seen: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(new ListClustersCommand({ maxResults: 3, nextToken }))
    t.ok((page.clusterArns?.length ?? 0) <= 3)
    seen.push(...(page.clusterArns ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  t.same(
    seen,
    names.map(n => `arn:aws:ecs:us-east-1:000000000000:cluster/${n}`),
  )
  await t.rejects(ecs.send(new ListClustersCommand({ maxResults: 101 })), InvalidParameterException)
  await t.rejects(
    ecs.send(new ListClustersCommand({ nextToken: 'garbage' })),
    InvalidParameterException,
  )
})
