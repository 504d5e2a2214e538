import { StartTaskCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('StartTask places on the instances named; unknown ones are MISSING', async t => {
  const { ecs, cluster, agent } = await clusterWithAgent(t)
  const started = await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      group: 'batch',
      containerInstances: [agent.containerInstanceArn, 'f'.repeat(32)],
    }),
  )
  t.equal(started.tasks?.length, 1)
  t.equal(started.tasks?.[0]?.containerInstanceArn, agent.containerInstanceArn)
  t.same(
    started.failures?.map(f => f.reason),
    ['MISSING'],
  )
  await t.rejects(
    ecs.send(new StartTaskCommand({ cluster, taskDefinition: 'app', containerInstances: [] })),
    { name: 'InvalidParameterException' },
  )
})
