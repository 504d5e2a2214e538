/**
 * The operations on the PostgreSQL store: the same handlers, the other database. Checks what the
 * two stores could disagree on (ordering, pagination cursors, counters, refusal of deletes).
 */
import {
  ClusterContainsContainerInstancesException,
  CreateClusterCommand,
  DeleteClusterCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListTaskDefinitionsCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { client, testServer } from '../fixtures/server.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'

await withExternal(
  t,
  ['postgres'],
  'clusters, task definitions and instances on PostgreSQL',
  async t => {
    const store = await postgresSchema(t, 'operations')
    const server = await testServer(t, { store })
    const ecs = client(server)
    for (const clusterName of ['b', 'a-1', 'a', 'B'])
      await ecs.send(new CreateClusterCommand({ clusterName }))
    const names: string[] = []
    let nextToken: string | undefined
    do {
      const page = await ecs.send(new ListClustersCommand({ maxResults: 1, nextToken }))
      names.push(...(page.clusterArns ?? []).map(a => a.split('/')[1]!))
      nextToken = page.nextToken
    } while (nextToken)
    t.same(names, ['B', 'a', 'a-1', 'b'], 'byte order, as on SQLite')

    const definition = { containerDefinitions: [{ name: 'c', image: 'i', memory: 32 }] }
    await Promise.all(
      Array.from({ length: 12 }, () =>
        ecs.send(new RegisterTaskDefinitionCommand({ family: 'f', ...definition })),
      ),
    )
    const arns =
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'f' }))).taskDefinitionArns ??
      []
    t.same(
      arns.map(a => a.split(':').pop()),
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
      'concurrent registrations get revisions 1..12, each once',
    )

    const { containerInstance } = await ecs.send(
      new RegisterContainerInstanceCommand({
        cluster: 'a',
        attributes: [{ name: 'stack', value: 'prod' }],
      }),
    )
    const listed = await ecs.send(
      new ListContainerInstancesCommand({ cluster: 'a', filter: 'attribute:stack == prod' }),
    )
    t.same(listed.containerInstanceArns, [containerInstance?.containerInstanceArn])
    await t.rejects(
      ecs.send(new DeleteClusterCommand({ cluster: 'a' })),
      ClusterContainsContainerInstancesException,
    )
  },
)
