// Parameters and secrets on the PostgreSQL store: the same handlers, the other database
// (ordering by name, pagination cursors, values encrypted in the rows).
import pg from 'pg'
import t from 'tap'
import { postgresUrl, withExternal } from '../../../../test/support/external.js'
import { postgresSchema } from '../../fixtures/postgres-schema.js'
import { apiCall, testServer } from '../../fixtures/server.js'

await withExternal(t, ['postgres'], 'SSM parameters and secrets on PostgreSQL', async t => {
  const store = await postgresSchema(t, 'ssm_secrets')
  const server = await testServer(t, { store })
  for (const name of ['/z/b', '/z/a', '/z/deep/c', '/za'])
    await apiCall(server, 'ssm', 'PutParameter', {
      Name: name,
      Value: `value-of-${name}`,
      Type: 'SecureString',
    })
  const names: string[] = []
  let token: string | undefined
  for (let page = 0; page < 5; page++) {
    const answer = await apiCall(server, 'ssm', 'GetParametersByPath', {
      Path: '/z',
      Recursive: true,
      WithDecryption: true,
      MaxResults: 1,
      ...(token === undefined ? {} : { NextToken: token }),
    })
    names.push(...(answer.body['Parameters'] as { Name: string }[]).map(p => p.Name))
    token = answer.body['NextToken'] as string | undefined
    if (token === undefined) break
  }
  t.same(names, ['/z/a', '/z/b', '/z/deep/c'])
  await apiCall(server, 'secretsmanager', 'CreateSecret', {
    Name: 'pg',
    SecretString: 'pg-secret-value',
  })
  t.match((await apiCall(server, 'secretsmanager', 'GetSecretValue', { SecretId: 'pg' })).body, {
    SecretString: 'pg-secret-value',
  })
  // the rows themselves hold no plaintext
  const schema = new URL(store).searchParams.get('schema') ?? ''
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  t.teardown(() => client.end())
  const rows = await client.query<{ body: unknown }>(
    `SELECT body FROM "${schema}".documents WHERE kind IN ('ssm-parameter', 'secret')`,
  )
  t.equal(rows.rows.length, 5)
  const raw = JSON.stringify(rows.rows)
  t.notOk(raw.includes('value-of-') || raw.includes('pg-secret-value'), 'no plaintext in the rows')
})
