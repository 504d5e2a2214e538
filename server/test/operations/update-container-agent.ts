import { RegisterContainerInstanceCommand, UpdateContainerAgentCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('no agent updates are distributed', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  const bare = await ecs.send(new RegisterContainerInstanceCommand({ cluster, totalResources: [] }))
  const cases: { name: string; given: string; want: string }[] = [
    {
      name: 'an instance whose agent reported its version',
      given: agent.containerInstanceArn,
      want: 'NoUpdateAvailableException',
    },
    { name: 'an unknown instance', given: 'f'.repeat(32), want: 'InvalidParameterException' },
    {
      name: 'an instance that never reported its version',
      given: bare.containerInstance?.containerInstanceArn ?? '',
      want: 'MissingVersionException',
    },
  ]
  for (const { name, given, want } of cases) {
    await t.rejects(
      ecs.send(new UpdateContainerAgentCommand({ cluster, containerInstance: given })),
      { name: want },
      name,
    )
  }
})
