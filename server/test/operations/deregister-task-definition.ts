import { ClientException, DeregisterTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { UNUSABLE_REFERENCES, withWeb } from '../fixtures/task-definitions.js'

t.test('references it cannot deregister, in the same words as DeleteTaskDefinitions', async t => {
  const ecs = await withWeb(t)
  for (const { name, given, want } of UNUSABLE_REFERENCES) {
    const error = await refusal(
      ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: given })),
    )
    t.type(error, ClientException, name)
    t.equal(error.message, want, name)
  }
})
