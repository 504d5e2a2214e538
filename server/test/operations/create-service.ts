import {
  CreateServiceCommand,
  InvalidParameterException,
  type CreateServiceCommandInput,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { serviceCluster } from '../fixtures/services.js'

t.test('a REPLICA service as a record, with its PRIMARY deployment', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  const { service } = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      tags: [{ key: 'k', value: 'v' }],
      serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
    }),
  )
  t.equal(service?.serviceArn, 'arn:aws:ecs:us-east-1:000000000000:service/svc/web')
  t.match(service, {
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
  t.equal(service?.deployments?.length, 1)
  t.match(service?.deployments?.[0], {
    status: 'PRIMARY',
    id: /^ecs-svc\/\d{19}$/,
    desiredCount: 2,
    serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
  })
})

t.test('a DAEMON service gets 0/100', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  const { service } = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'd',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
    }),
  )
  t.match(service?.deploymentConfiguration, { maximumPercent: 100, minimumHealthyPercent: 0 })
})

t.test('refused services', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
    }),
  )
  const cases: {
    name: string
    given: Omit<CreateServiceCommandInput, 'cluster' | 'serviceName'> & { serviceName?: string }
    want: string
  }[] = [
    {
      name: 'an ACTIVE service of that name',
      given: { serviceName: 'web', taskDefinition: 'web', desiredCount: 1 },
      want: 'InvalidParameterException',
    },
    {
      name: 'a REPLICA service without desiredCount',
      given: { taskDefinition: 'web' },
      want: 'InvalidParameterException',
    },
    {
      name: 'a name with a space',
      given: { serviceName: 'x y', taskDefinition: 'web', desiredCount: 1 },
      want: 'InvalidParameterException',
    },
    { name: 'no task definition', given: { desiredCount: 1 }, want: 'InvalidParameterException' },
    {
      name: 'an unknown task definition',
      given: { taskDefinition: 'nope', desiredCount: 1 },
      want: 'ClientException',
    },
    {
      name: 'FARGATE',
      given: { taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE' },
      want: 'InvalidParameterException',
    },
    {
      name: 'a DAEMON service with placement strategies',
      given: {
        taskDefinition: 'web',
        schedulingStrategy: 'DAEMON',
        placementStrategy: [{ type: 'random' }],
      },
      want: 'InvalidParameterException',
    },
    {
      name: 'maximumPercent below minimumHealthyPercent',
      given: {
        taskDefinition: 'web',
        desiredCount: 1,
        deploymentConfiguration: { maximumPercent: 50, minimumHealthyPercent: 100 },
      },
      want: 'InvalidParameterException',
    },
    {
      name: 'a DAEMON service with maximumPercent other than 100',
      given: {
        taskDefinition: 'web',
        schedulingStrategy: 'DAEMON',
        deploymentConfiguration: { maximumPercent: 200 },
      },
      want: 'InvalidParameterException',
    },
  ]
  for (const { name, given, want } of cases) {
    await t.rejects(
      ecs.send(new CreateServiceCommand({ cluster, serviceName: 'x', ...given })),
      { name: want },
      name,
    )
  }
})

t.test('a DAEMON service takes no desired count, not even 0', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  for (const desiredCount of [0, 2]) {
    const error = await refusal(
      ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: `d${String(desiredCount)}`,
          taskDefinition: 'web',
          schedulingStrategy: 'DAEMON',
          desiredCount,
        }),
      ),
    )
    t.type(error, InvalidParameterException)
    t.equal(
      error.message,
      'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
      `desiredCount ${String(desiredCount)}`,
    )
  }
})
