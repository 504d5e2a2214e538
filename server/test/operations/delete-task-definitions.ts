import { DeleteTaskDefinitionsCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { client, testServer } from '../fixtures/server.js'

t.test('failures as ECS words them, in the same words as DeregisterTaskDefinition', async t => {
  const ecs = client(await testServer(t))
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64 }],
    }),
  )
  const cases = [
    {
      name: 'unknown revision',
      given: 'web:99',
      want: { arn: 'web:99', reason: 'The specified task definition does not exist.' },
    },
    {
      name: 'no revision',
      given: 'web',
      want: {
        arn: 'web',
        reason: 'The task definition must be given as family:revision or as a full ARN.',
      },
    },
    {
      name: 'an ACTIVE revision',
      given: 'web:1',
      want: {
        arn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
        reason:
          'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
      },
    },
  ]
  for (const { name, given, want } of cases) {
    const { failures } = await ecs.send(
      new DeleteTaskDefinitionsCommand({ taskDefinitions: [given] }),
    )
    t.same(failures, [want], name)
  }
})
