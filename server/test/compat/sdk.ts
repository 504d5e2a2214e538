import {
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteClusterCommand,
  ECSServiceException,
  ListClustersCommand,
  StartTaskCommand,
  UnsupportedFeatureException,
} from '@aws-sdk/client-ecs'
import t from 'tap'
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
    .send(new StartTaskCommand({ taskDefinition: 'x', containerInstances: ['y'] }))
    .catch((e: unknown) => e)
  t.ok(unsupported instanceof UnsupportedFeatureException)
  const wrongKey = client(server, 'ca-central-1', { accessKeyId: 'who', secretAccessKey: 'x' })
  const denied = await wrongKey.send(new ListClustersCommand({})).catch((e: unknown) => e)
  t.ok(denied instanceof ECSServiceException)
  t.equal((denied as ECSServiceException).name, 'UnrecognizedClientException')
})
