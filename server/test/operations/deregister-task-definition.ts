import {
  ClientException,
  DeregisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'

t.test('references it cannot deregister, in the same words as DeleteTaskDefinitions', async t => {
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
      want: 'The specified task definition does not exist.',
    },
    {
      name: 'no revision',
      given: 'web',
      want: 'The task definition must be given as family:revision or as a full ARN.',
    },
  ]
  for (const { name, given, want } of cases) {
    const error = await refusal(
      ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: given })),
    )
    t.type(error, ClientException, name)
    t.equal(error.message, want, name)
  }
})
