import pg from 'pg'
import t from 'tap'
import { openPostgresStore } from '../../src/store/postgres.js'
import { postgresUrl, withExternal } from '../../../test/support/external.js'
import { storeSuite } from '../fixtures/store-suite.js'

const schema = `store_test_${process.pid}`

async function dropSchema(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)
  await client.end()
}

await withExternal(t, ['postgres'], 'the store contract on PostgreSQL', async t => {
  await dropSchema(schema)
  t.teardown(() => dropSchema(schema))
  const url = `${postgresUrl}?schema=${schema}`
  await storeSuite(t, () => openPostgresStore(url))

  await t.test('a schema from a newer quayside is refused and left alone', async t => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    await client.query(`INSERT INTO "${schema}".schema_migrations (version) VALUES (99)`)
    await t.rejects(openPostgresStore(url), {
      code: 'ECS_SRV_STORE_TOO_NEW',
      message: /version 99/,
    })
    const left = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}".documents`,
    )
    t.ok(Number(left.rows[0]?.n) > 0, 'the data is still there')
    await client.end()
  })

  await t.test('a bad schema name is refused', async t => {
    await t.rejects(openPostgresStore(`${postgresUrl}?schema=bad;name`), {
      code: 'ECS_SRV_STORE_URL',
    })
  })
})
