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

  await t.test('notifications reach every subscriber of the same schema only', async t => {
    const other = `${schema}_other`
    await dropSchema(other)
    t.teardown(() => dropSchema(other))
    const one = await openPostgresStore(url)
    const two = await openPostgresStore(url)
    const elsewhere = await openPostgresStore(`${postgresUrl}?schema=${other}`)
    t.teardown(async () => {
      await one.close()
      await two.close()
      await elsewhere.close()
    })
    const got: string[] = []
    const foreign: string[] = []
    await two.notifications?.subscribe(text => got.push(`two:${text}`))
    const unsubscribe = await one.notifications?.subscribe(text => got.push(`one:${text}`))
    await elsewhere.notifications?.subscribe(text => foreign.push(text))
    await elsewhere.notifications?.publish('not for them')
    await one.notifications?.publish('hello')
    const deadline = Date.now() + 5000
    while (got.length < 2 && Date.now() < deadline) await new Promise(r => setTimeout(r, 10))
    t.same(got.sort(), ['one:hello', 'two:hello'], 'the publisher hears itself too')
    await unsubscribe?.()
    await two.notifications?.publish('again')
    while (got.length < 3 && Date.now() < deadline) await new Promise(r => setTimeout(r, 10))
    t.same(got.slice(2), ['two:again'], 'an unsubscribed handler hears nothing more')
    t.same(foreign, ['not for them'], 'another schema hears only its own')
  })

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
