import { ClientException, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'

t.test('an unknown task definition is refused in the words of ECS', async t => {
  const ecs = client(await testServer(t))
  const error = await refusal(
    ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' })),
  )
  t.type(error, ClientException)
  t.equal(error.message, 'Unable to describe task definition.')
})
