import { DeleteTaskDefinitionsCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { UNUSABLE_REFERENCES, withWeb } from '../fixtures/task-definitions.js'

t.test('failures as ECS words them, in the same words as DeregisterTaskDefinition', async t => {
  const ecs = await withWeb(t)
  const cases = [
    ...UNUSABLE_REFERENCES.map(({ name, given, want }) => ({
      name,
      given,
      want: { arn: given, reason: want },
    })),
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
