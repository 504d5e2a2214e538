import { CreateServiceCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { serviceCluster } from '../fixtures/services.js'

t.test('desiredCount alone updates the PRIMARY deployment in place', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
    }),
  )
  const { service } = await ecs.send(
    new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 3 }),
  )
  t.equal(service?.deployments?.length, 1)
  t.equal(service?.deployments?.[0]?.desiredCount, 3)
})

t.test('a new task definition or forceNewDeployment starts a new PRIMARY', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
    }),
  )
  const { service: rolled } = await ecs.send(
    new UpdateServiceCommand({
      cluster,
      service: created.service?.serviceArn,
      taskDefinition: 'web:2',
      deploymentConfiguration: { minimumHealthyPercent: 50 },
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
      placementConstraints: [{ type: 'distinctInstance' }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } },
      healthCheckGracePeriodSeconds: 10,
      enableExecuteCommand: true,
      propagateTags: 'SERVICE',
      availabilityZoneRebalancing: 'DISABLED',
    }),
  )
  t.same(
    rolled?.deployments?.map(d => d.status),
    ['PRIMARY', 'ACTIVE'],
  )
  t.match(rolled?.taskDefinition, /web:2$/)
  t.equal(rolled?.deploymentConfiguration?.minimumHealthyPercent, 50)
  const { service: forced } = await ecs.send(
    new UpdateServiceCommand({ cluster, service: 'web', forceNewDeployment: true }),
  )
  t.same(
    forced?.deployments?.map(d => d.status),
    ['PRIMARY', 'ACTIVE', 'ACTIVE'],
  )
})

t.test('refused updates', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
    }),
  )
  await t.rejects(
    ecs.send(new UpdateServiceCommand({ cluster, service: 'nope', desiredCount: 1 })),
    {
      name: 'ServiceNotFoundException',
    },
  )
  await t.rejects(
    ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: -1 })),
    {
      name: 'InvalidParameterException',
    },
  )
})

t.test('a DAEMON service takes no desired count', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'daemon',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
    }),
  )
  const error = await refusal(
    ecs.send(new UpdateServiceCommand({ cluster, service: 'daemon', desiredCount: 1 })),
  )
  t.equal(
    error.message,
    'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
  )
})
