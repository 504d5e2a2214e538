import {
  GetTaskProtectionCommand,
  RunTaskCommand,
  UpdateTaskProtectionCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('GetTaskProtection reads what UpdateTaskProtection set', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const { tasks = [] } = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'app' }))
  const arn = tasks[0]?.taskArn ?? ''
  const read = async () =>
    (await ecs.send(new GetTaskProtectionCommand({ cluster, tasks: [arn] }))).protectedTasks?.[0]
      ?.protectionEnabled
  for (const protectionEnabled of [true, false]) {
    await ecs.send(new UpdateTaskProtectionCommand({ cluster, tasks: [arn], protectionEnabled }))
    t.equal(await read(), protectionEnabled)
  }
  await t.rejects(
    ecs.send(new GetTaskProtectionCommand({ cluster, tasks: Array<string>(11).fill('x') })),
    { name: 'InvalidParameterException' },
    'at most 10 tasks',
  )
})
