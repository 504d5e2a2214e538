/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

type Body = any

t.test('services as records: create, update, describe, list, delete', async t => {
  const server = await testServer(t)
  const call = async (op: string, input: object) => (await rawCall(server, op, input)).body as Body
  const cluster = 'svc'
  await call('CreateCluster', { clusterName: cluster })
  const td = { containerDefinitions: [{ name: 'a', image: 'busybox', memory: 64 }] }
  await call('RegisterTaskDefinition', { family: 'web', ...td })
  await call('RegisterTaskDefinition', { family: 'web', ...td })

  const created = (
    await call('CreateService', {
      cluster,
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      tags: [{ key: 'k', value: 'v' }],
      serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
    })
  ).service
  t.equal(created.serviceArn, `arn:aws:ecs:us-east-1:000000000000:service/svc/web`)
  t.match(created, {
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 0,
    pendingCount: 0,
    schedulingStrategy: 'REPLICA',
    launchType: 'EC2',
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
    availabilityZoneRebalancing: 'ENABLED',
    createdBy: 'arn:aws:iam::000000000000:root',
    tags: [{ key: 'k', value: 'v' }],
  })
  t.equal(created.deployments.length, 1)
  t.match(created.deployments[0], { status: 'PRIMARY', id: /^ecs-svc\/\d{19}$/, desiredCount: 2 })

  const daemon = (
    await call('CreateService', {
      cluster,
      serviceName: 'd',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
    })
  ).service
  t.match(daemon.deploymentConfiguration, { maximumPercent: 100, minimumHealthyPercent: 0 })

  const bad = async (op: string, input: object) => (await call(op, { cluster, ...input }))['__type']
  t.equal(
    await bad('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 1 }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', { serviceName: 'x', taskDefinition: 'web' }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', { serviceName: 'x y', taskDefinition: 'web', desiredCount: 1 }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', { serviceName: 'x', desiredCount: 1 }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', { serviceName: 'x', taskDefinition: 'nope', desiredCount: 1 }),
    'ClientException',
  )
  t.equal(
    await bad('CreateService', {
      serviceName: 'x',
      taskDefinition: 'web',
      desiredCount: 1,
      launchType: 'FARGATE',
    }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', {
      serviceName: 'x',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
      placementStrategy: [{ type: 'random' }],
    }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', {
      serviceName: 'x',
      taskDefinition: 'web',
      desiredCount: 1,
      deploymentConfiguration: { maximumPercent: 50, minimumHealthyPercent: 100 },
    }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('CreateService', {
      serviceName: 'x',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
      deploymentConfiguration: { maximumPercent: 200 },
    }),
    'InvalidParameterException',
  )
  t.equal(
    await bad('UpdateService', { service: 'nope', desiredCount: 1 }),
    'ServiceNotFoundException',
  )
  t.equal(
    await bad('UpdateService', { service: 'web', desiredCount: -1 }),
    'InvalidParameterException',
  )

  // desiredCount alone updates the PRIMARY deployment in place.
  const scaled = (await call('UpdateService', { cluster, service: 'web', desiredCount: 3 })).service
  t.equal(scaled.deployments.length, 1)
  t.equal(scaled.deployments[0].desiredCount, 3)
  // A new task definition starts a new PRIMARY; the old one turns ACTIVE.
  const rolled = (
    await call('UpdateService', {
      cluster,
      service: created.serviceArn,
      taskDefinition: 'web:2',
      deploymentConfiguration: { minimumHealthyPercent: 50 },
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
      placementConstraints: [{ type: 'distinctInstance' }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } },
      healthCheckGracePeriodSeconds: 10,
      enableExecuteCommand: true,
      propagateTags: 'SERVICE',
      availabilityZoneRebalancing: 'DISABLED',
    })
  ).service
  t.same(
    rolled.deployments.map((d: Body) => d.status),
    ['PRIMARY', 'ACTIVE'],
  )
  t.match(rolled.taskDefinition, /web:2$/)
  t.equal(rolled.deploymentConfiguration.minimumHealthyPercent, 50)
  const forced = (
    await call('UpdateService', { cluster, service: 'web', forceNewDeployment: true })
  ).service
  t.same(
    forced.deployments.map((d: Body) => d.status),
    ['PRIMARY', 'ACTIVE', 'ACTIVE'],
  )

  // Counts come from the tasks of the service.
  const agent = await fakeAgent(t, server, { cluster })
  await agent.connect()
  await new Promise(resolve => setTimeout(resolve, 100))
  const primary = forced.deployments[0].id as string
  const run = await call('RunTask', {
    cluster,
    taskDefinition: 'web',
    group: 'service:web',
    startedBy: primary,
    count: 2,
  })
  await agent.report(run.tasks[0].taskArn, 'RUNNING')
  const described = await call('DescribeServices', {
    cluster,
    services: ['web', 'missing'],
    include: ['TAGS'],
  })
  t.match(described.services[0], { runningCount: 1, pendingCount: 1 })
  t.match(described.services[0].deployments[0], { runningCount: 1, pendingCount: 1 })
  t.same(
    described.failures.map((f: Body) => f.reason),
    ['MISSING'],
  )
  t.equal(
    (await call('DescribeServices', { cluster, services: Array(11).fill('x') }))['__type'],
    'InvalidParameterException',
  )
  const clusterView = (await call('DescribeClusters', { clusters: [cluster] })).clusters[0]
  t.match(clusterView, { activeServicesCount: 2, runningTasksCount: 1, pendingTasksCount: 1 })

  const list = await call('ListServices', { cluster })
  t.equal(list.serviceArns.length, 2)
  const page = await call('ListServices', { cluster, maxResults: 1 })
  t.equal(page.serviceArns.length, 1)
  t.equal(
    (await call('ListServices', { cluster, maxResults: 1, nextToken: page.nextToken })).serviceArns
      .length,
    1,
  )
  t.equal(
    (await call('ListServices', { cluster, schedulingStrategy: 'DAEMON' })).serviceArns.length,
    1,
  )
  t.equal((await call('ListServices', { cluster, launchType: 'EXTERNAL' })).serviceArns.length, 0)
  t.same((await call('ListServicesByNamespace', { namespace: 'ns' })).serviceArns, [
    created.serviceArn,
  ])
  t.same((await call('ListServicesByNamespace', { namespace: 'other' })).serviceArns, [])
  t.equal((await call('ListTasks', { cluster, serviceName: 'web' })).taskArns.length, 2)

  for (const resourceArn of [created.serviceArn, run.tasks[0].taskArn]) {
    await call('TagResource', { resourceArn, tags: [{ key: 'team', value: 'a' }] })
    const tagged = await call('ListTagsForResource', { resourceArn })
    t.ok(
      tagged.tags.some((tag: Body) => tag.key === 'team' && tag.value === 'a'),
      resourceArn,
    )
  }
  t.equal(await bad('DeleteService', { service: 'web' }), 'InvalidParameterException')
  const draining = (await call('DeleteService', { cluster, service: 'web', force: true })).service
  t.equal(draining.status, 'DRAINING')
  t.equal(
    await bad('UpdateService', { service: 'web', desiredCount: 1 }),
    'ServiceNotActiveException',
  )
  t.equal((await call('ListServices', { cluster })).serviceArns.length, 1)
  t.equal(await bad('DeleteCluster', {}), 'ClusterContainsContainerInstancesException')
  for (const task of run.tasks) await call('StopTask', { cluster, task: task.taskArn })
  for (const task of run.tasks) await agent.report(task.taskArn, 'STOPPED')
  t.equal(
    (await call('DescribeServices', { cluster, services: ['web'] })).services[0].status,
    'INACTIVE',
  )
  t.equal((await call('DeleteService', { cluster, service: 'd' })).service.status, 'INACTIVE')
  const again = (
    await call('CreateService', {
      cluster,
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 0,
    })
  ).service
  t.equal(again.status, 'ACTIVE')
  await call('DeleteService', { cluster, service: 'web' })
  await call('DeregisterContainerInstance', {
    cluster,
    containerInstance: agent.containerInstanceArn,
    force: true,
  })
  t.equal((await call('DeleteCluster', { cluster })).cluster.status, 'INACTIVE')
})
