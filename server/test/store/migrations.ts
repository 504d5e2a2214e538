/**
 * The migration that puts services stored before the scheduler's index (or DAEMON services
 * stored while it held only REPLICA ones) into that index, on both stores, and what it means for
 * a server opening such a database: the scheduler visits the service.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  type Service,
} from '@aws-sdk/client-ecs'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import t from 'tap'
import { postgresUrl, withExternal } from '../../../test/support/external.js'
import { indexedServices } from '../../src/services/service-index.js'
import type { Store } from '../../src/store/index.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import { APP_CONTAINERS, untilConnected } from '../fixtures/cluster.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'
import { client, testServer } from '../fixtures/server.js'

/** The version before the migration under test. */
const BEFORE = 2
const scope = { account: '000000000000', region: 'us-east-1' }

/** Stores three services of cluster `c` (REPLICA, DAEMON, INACTIVE), none of them indexed. */
async function storeServices(store: Store): Promise<void> {
  await store.transaction(async tx => {
    await tx.put(scope, 'service', 'c/web', 'c', {
      serviceName: 'web',
      status: 'ACTIVE',
      schedulingStrategy: 'REPLICA',
    })
    await tx.put(scope, 'service', 'c/d', 'c', {
      serviceName: 'd',
      status: 'DRAINING',
      schedulingStrategy: 'DAEMON',
    })
    await tx.put(scope, 'service', 'c/old', 'c', {
      serviceName: 'old',
      status: 'INACTIVE',
      schedulingStrategy: 'REPLICA',
    })
  })
}

const names = async (store: Store) =>
  (await store.transaction(tx => indexedServices(tx))).map(s => ({
    ...s.scope,
    c: s.cluster,
    n: s.name,
  }))

const WANT = [
  { ...scope, c: 'c', n: 'd' },
  { ...scope, c: 'c', n: 'web' },
]

/** Takes a SQLite database in `dir` back to {@link BEFORE} with no index entries. */
function backToBefore(dir: string): void {
  const db = new Database(join(dir, 'quayside.db'))
  db.prepare("DELETE FROM documents WHERE kind = 'scheduled-service'").run()
  db.prepare('DELETE FROM schema_migrations WHERE version > ?').run(BEFORE)
  db.close()
}

t.test('SQLite: services without an index entry get one', async t => {
  const dir = t.testdir()
  const first = openSqliteStore(dir)
  await storeServices(first)
  await first.close()
  backToBefore(dir)
  const store = openSqliteStore(dir)
  t.teardown(() => store.close())
  t.same(await names(store), WANT, 'the ACTIVE and DRAINING services, not the INACTIVE one')
})

await withExternal(
  t,
  ['postgres'],
  'PostgreSQL: services without an index entry get one',
  async t => {
    const url = await postgresSchema(t, 'migration_index')
    const schema = new URL(url).searchParams.get('schema') ?? ''
    const first = await openPostgresStore(url)
    await storeServices(first)
    await first.close()
    const db = new pg.Client({ connectionString: postgresUrl })
    await db.connect()
    await db.query(`DELETE FROM "${schema}".documents WHERE kind = 'scheduled-service'`)
    await db.query(`DELETE FROM "${schema}".schema_migrations WHERE version > $1`, [BEFORE])
    await db.end()
    const store = await openPostgresStore(url)
    t.teardown(() => store.close())
    t.same(await names(store), WANT)
  },
)

t.test('a server opening such a database schedules the service', async t => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayside-migration-'))
  t.teardown(() => {
    rmSync(dataDir, { recursive: true, force: true })
  })
  const old = await testServer(t, { dataDir, serviceScheduler: false })
  const ecs = client(old)
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }))
  await ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: APP_CONTAINERS }),
  )
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'c',
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 1,
    }),
  )
  await old.close()
  backToBefore(dataDir)

  const server = await testServer(t, { dataDir, servicePassIntervalMs: 100 })
  const agent = await fakeAgent(t, server, { cluster: 'c', autoReport: true })
  await agent.connect()
  const again = client(server)
  await untilConnected(again, 'c', agent.containerInstanceArn)
  let service: Service | undefined
  for (let i = 0; i < 100 && service?.runningCount !== 1; i++) {
    await new Promise(resolve => setTimeout(resolve, 50))
    const { services = [] } = await again.send(
      new DescribeServicesCommand({ cluster: 'c', services: ['web'] }),
    )
    service = services[0]
  }
  t.equal(service?.runningCount, 1, 'the service runs its task')
})
