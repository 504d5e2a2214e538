/**
 * The service scheduler with two server replicas on one PostgreSQL database: one holds the lease
 * and runs the loop, tasks are started once (never twice for one shortfall), and the other takes
 * over when the leader dies.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { APP_CONTAINERS, untilConnected } from '../fixtures/cluster.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'
import { client, testServer } from '../fixtures/server.js'

async function until(ecs: ECSClient, predicate: (s: Service) => boolean): Promise<Service> {
  let last: Service | undefined
  for (let i = 0; i < 300; i++) {
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'ha', services: ['web'] }),
    )
    last = services[0]
    if (last && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`service did not get there: ${JSON.stringify(last)}`)
}

const taskCount = async (ecs: ECSClient, desiredStatus: 'RUNNING' | 'STOPPED') =>
  (await ecs.send(new ListTasksCommand({ cluster: 'ha', serviceName: 'web', desiredStatus })))
    .taskArns?.length ?? 0

await withExternal(t, ['postgres'], 'two replicas, one loop', async t => {
  const store = await postgresSchema(t, 'service_loop')
  const options = { store, servicePassIntervalMs: 200 }
  const first = await testServer(t, options)
  const second = await testServer(t, options)
  const ecs = [client(first), client(second)] as const
  await ecs[0].send(new CreateClusterCommand({ clusterName: 'ha' }))
  await ecs[0].send(
    new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: APP_CONTAINERS }),
  )
  for (const [i, server] of [first, second].entries()) {
    const agent = await fakeAgent(t, server, { cluster: 'ha', autoReport: true })
    await agent.connect()
    await untilConnected(ecs[i] ?? ecs[0], 'ha', agent.containerInstanceArn)
  }
  await ecs[1].send(
    new CreateServiceCommand({
      cluster: 'ha',
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 4,
    }),
  )
  await until(ecs[0], s => s.runningCount === 4)
  // Several passes later, still exactly 4 tasks were ever started.
  await new Promise(resolve => setTimeout(resolve, 800))
  t.equal(await taskCount(ecs[0], 'RUNNING'), 4)
  t.equal(await taskCount(ecs[0], 'STOPPED'), 0, 'nothing started twice and stopped again')

  // Whichever replica leads, one of them dies; the other scales the service within seconds.
  await first.abort()
  await ecs[1].send(new UpdateServiceCommand({ cluster: 'ha', service: 'web', desiredCount: 1 }))
  // The dead replica's agent is cut off, so its tasks cannot report STOPPED: read what the loop
  // wants instead (3 of the 4 tasks told to stop).
  let wanted = 4
  for (let i = 0; i < 300 && wanted !== 1; i++) {
    await new Promise(resolve => setTimeout(resolve, 50))
    wanted = await taskCount(ecs[1], 'RUNNING')
  }
  t.equal(wanted, 1, 'the surviving replica runs the loop')
  t.equal(await taskCount(ecs[1], 'STOPPED'), 3)
})
