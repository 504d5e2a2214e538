import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  InvalidParameterException,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'

t.test('an empty list is refused as ECS refuses it', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  const error = await refusal(
    ecs.send(new DescribeContainerInstancesCommand({ cluster: 'c', containerInstances: [] })),
  )
  t.type(error, InvalidParameterException)
  t.equal(error.message, 'Container Instances cannot be empty.')
})
