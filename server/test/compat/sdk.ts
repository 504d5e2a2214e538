import {
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteClusterCommand,
  ECSServiceException,
  ListClustersCommand,
  CreateServiceCommand,
  CreateTaskSetCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UnsupportedFeatureException,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { client, testServer } from '../fixtures/server.js'

t.test('@aws-sdk/client-ecs surfaces typed exceptions', async t => {
  const server = await testServer(t)
  const ecs = client(server, 'ca-central-1')
  const created = await ecs.send(new CreateClusterCommand({ clusterName: 'sdk' }))
  t.equal(created.$metadata.httpStatusCode, 200)
  t.match(created.$metadata.requestId, /^[0-9a-f-]{36}$/)
  const error = await ecs
    .send(new DeleteClusterCommand({ cluster: 'missing' }))
    .catch((e: unknown) => e)
  t.ok(error instanceof ClusterNotFoundException)
  t.ok(error instanceof ECSServiceException)
  const notFound = error as ClusterNotFoundException
  t.equal(notFound.$fault, 'client')
  t.equal(notFound.$metadata.httpStatusCode, 400)
  t.equal(notFound.message, 'Cluster not found.')
  const unsupported = await ecs
    .send(new CreateTaskSetCommand({ service: 'x', cluster: 'y', taskDefinition: 'z' }))
    .catch((e: unknown) => e)
  t.ok(unsupported instanceof UnsupportedFeatureException)
  const wrongKey = client(server, 'ca-central-1', { accessKeyId: 'who', secretAccessKey: 'x' })
  const denied = await wrongKey.send(new ListClustersCommand({})).catch((e: unknown) => e)
  t.ok(denied instanceof ECSServiceException)
  t.equal((denied as ECSServiceException).name, 'UnrecognizedClientException')
})

t.test('@aws-sdk/client-ecs runs, describes, lists and stops tasks', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(new CreateClusterCommand({ clusterName: 'sdk' }))
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'sdk',
      containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64 }],
    }),
  )
  const agent = await fakeAgent(t, server, { cluster: 'sdk' })
  await agent.connect()
  await new Promise(resolve => setTimeout(resolve, 100))
  const run = await ecs.send(
    new RunTaskCommand({ cluster: 'sdk', taskDefinition: 'sdk', count: 2, startedBy: 'sdk-test' }),
  )
  t.equal(run.tasks?.length, 2)
  const arn = run.tasks?.[0]?.taskArn ?? ''
  t.type(run.tasks?.[0]?.createdAt, Date)
  await agent.until(tasks => tasks.has(arn))
  await agent.report(arn, 'RUNNING')
  const described = await ecs.send(new DescribeTasksCommand({ cluster: 'sdk', tasks: [arn] }))
  t.equal(described.tasks?.[0]?.lastStatus, 'RUNNING')
  t.type(described.tasks?.[0]?.startedAt, Date)
  const listed = await ecs.send(new ListTasksCommand({ cluster: 'sdk', startedBy: 'sdk-test' }))
  t.equal(listed.taskArns?.length, 2)
  const stopped = await ecs.send(new StopTaskCommand({ cluster: 'sdk', task: arn, reason: 'done' }))
  t.equal(stopped.task?.desiredStatus, 'STOPPED')
  t.equal(stopped.task?.stoppedReason, 'done')
  const service = await ecs.send(
    new CreateServiceCommand({
      cluster: 'sdk',
      serviceName: 'api',
      taskDefinition: 'sdk',
      desiredCount: 1,
    }),
  )
  t.type(service.service?.createdAt, Date)
  t.type(service.service?.deployments?.[0]?.createdAt, Date)
  const services = await ecs.send(
    new DescribeServicesCommand({ cluster: 'sdk', services: ['api'] }),
  )
  t.equal(services.services?.[0]?.deploymentConfiguration?.maximumPercent, 200)
})
