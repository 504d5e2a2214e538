import { RunTaskCommand, UpdateTaskProtectionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('protection with an expiry; unknown tasks are MISSING', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app' }))
  const arn = tasks[0]?.taskArn ?? ''
  const protection = await ecs.send(
    new UpdateTaskProtectionCommand({
      cluster,
      tasks: [arn, 'f'.repeat(32)],
      protectionEnabled: true,
      expiresInMinutes: 5,
    }),
  )
  t.match(protection.protectedTasks?.[0], { protectionEnabled: true, expirationDate: Date })
  t.equal(protection.failures?.[0]?.reason, 'MISSING')
  await t.rejects(
    ecs.send(
      new UpdateTaskProtectionCommand({
        cluster,
        tasks: [arn],
        protectionEnabled: true,
        expiresInMinutes: 0,
      }),
    ),
    { name: 'InvalidParameterException' },
    'expiresInMinutes is at least 1',
  )
})
