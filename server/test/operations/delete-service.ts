import {
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeregisterContainerInstanceCommand,
  DescribeServicesCommand,
  ListServicesCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { serviceCluster, webAndDaemon } from '../fixtures/services.js'

t.test('DRAINING while tasks remain, INACTIVE after; the name can be used again', async t => {
  const made = await serviceCluster(t, { agent: true })
  const { ecs, cluster, agent } = made
  const web = await webAndDaemon(made)
  const { tasks = [] } = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: 'web',
      group: 'service:web',
      startedBy: web?.deployments?.[0]?.id,
      count: 2,
    }),
  )
  await t.rejects(
    ecs.send(new DeleteServiceCommand({ cluster, service: 'web' })),
    {
      name: 'InvalidParameterException',
    },
    'refused while desiredCount > 0 without force',
  )
  const draining = await ecs.send(
    new DeleteServiceCommand({ cluster, service: 'web', force: true }),
  )
  t.equal(draining.service?.status, 'DRAINING')
  await t.rejects(
    ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 1 })),
    {
      name: 'ServiceNotActiveException',
    },
  )
  const { serviceArns } = await ecs.send(new ListServicesCommand({ cluster }))
  t.equal(serviceArns?.length, 1, 'ListServices leaves out a DRAINING service')
  await t.rejects(ecs.send(new DeleteClusterCommand({ cluster })), {
    name: 'ClusterContainsContainerInstancesException',
  })
  for (const task of tasks) await ecs.send(new StopTaskCommand({ cluster, task: task.taskArn }))
  for (const task of tasks) await agent?.report(task.taskArn ?? '', 'STOPPED')
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))
  t.equal(described.services?.[0]?.status, 'INACTIVE')
  const daemon = await ecs.send(new DeleteServiceCommand({ cluster, service: 'd' }))
  t.equal(daemon.service?.status, 'INACTIVE', 'a service without tasks is INACTIVE at once')
  const again = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 0,
    }),
  )
  t.equal(again.service?.status, 'ACTIVE')
  await ecs.send(new DeleteServiceCommand({ cluster, service: 'web' }))
  await ecs.send(
    new DeregisterContainerInstanceCommand({
      cluster,
      containerInstance: agent?.containerInstanceArn,
      force: true,
    }),
  )
  const deleted = await ecs.send(new DeleteClusterCommand({ cluster }))
  t.equal(deleted.cluster?.status, 'INACTIVE')
})
