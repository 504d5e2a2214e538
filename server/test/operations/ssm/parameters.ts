// SSM Parameter Store through the server's endpoint: versions, types, hierarchy, pagination,
// values encrypted at rest, and each operation's bad input answered 400 in SSM's own shape.
import { readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'
import { startServer } from '../../../src/main.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ssm = (server: Awaited<ReturnType<typeof testServer>>, op: string, body: unknown) =>
  apiCall(server, 'ssm', op, body)

t.test('put, get, versions, by path, describe, delete', async t => {
  const server = await testServer(t)
  const put = await ssm(server, 'PutParameter', {
    Name: '/app/db/password',
    Value: 'hunter2',
    Type: 'SecureString',
  })
  t.same(put.body, { Version: 1, Tier: 'Standard' })
  const again = await ssm(server, 'PutParameter', {
    Name: '/app/db/password',
    Value: 'hunter3',
    Overwrite: true,
  })
  t.same(again.body, { Version: 2, Tier: 'Standard' }, 'a new version keeps the type')
  await ssm(server, 'PutParameter', { Name: '/app/url', Value: 'http://x', Type: 'String' })
  await ssm(server, 'PutParameter', { Name: '/app/hosts', Value: 'a,b', Type: 'StringList' })
  await ssm(server, 'PutParameter', { Name: 'plain', Value: 'p', Type: 'String' })

  const latest = await ssm(server, 'GetParameter', {
    Name: '/app/db/password',
    WithDecryption: true,
  })
  t.match(latest.body, {
    Parameter: {
      Name: '/app/db/password',
      Type: 'SecureString',
      Value: 'hunter3',
      Version: 2,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password',
      DataType: 'text',
    },
  })
  const first = await ssm(server, 'GetParameter', {
    Name: '/app/db/password:1',
    WithDecryption: true,
  })
  t.match(first.body, { Parameter: { Value: 'hunter2', Version: 1, Selector: ':1' } })
  const sealed = await ssm(server, 'GetParameter', { Name: '/app/db/password' })
  const sealedValue = (sealed.body['Parameter'] as { Value: string }).Value
  t.not(sealedValue, 'hunter3', 'a SecureString without WithDecryption stays encrypted')
  const byArn = await ssm(server, 'GetParameter', {
    Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain',
  })
  t.match(byArn.body, { Parameter: { Name: 'plain', Value: 'p' } })

  const many = await ssm(server, 'GetParameters', {
    Names: ['/app/url', '/nope', 'plain', '/app/url:9'],
  })
  t.same(
    (many.body['Parameters'] as { Name: string }[]).map(p => p.Name),
    ['/app/url', 'plain'],
  )
  t.same(many.body['InvalidParameters'], ['/nope', '/app/url:9'])

  const oneLevel = await ssm(server, 'GetParametersByPath', { Path: '/app' })
  t.same(
    (oneLevel.body['Parameters'] as { Name: string }[]).map(p => p.Name),
    ['/app/hosts', '/app/url'],
  )
  const deep: string[] = []
  let token: string | undefined
  for (let page = 0; page < 5; page++) {
    const answer = await ssm(server, 'GetParametersByPath', {
      Path: '/app/',
      Recursive: true,
      WithDecryption: true,
      MaxResults: 2,
      ...(token === undefined ? {} : { NextToken: token }),
    })
    deep.push(...(answer.body['Parameters'] as { Name: string }[]).map(p => p.Name))
    token = answer.body['NextToken'] as string | undefined
    if (token === undefined) break
  }
  t.same(deep, ['/app/db/password', '/app/hosts', '/app/url'], 'recursive, two a page')
  const secureOnly = await ssm(server, 'GetParametersByPath', {
    Path: '/',
    Recursive: true,
    ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }],
  })
  t.same(
    (secureOnly.body['Parameters'] as { Name: string }[]).map(p => p.Name),
    ['/app/db/password'],
  )

  const described = await ssm(server, 'DescribeParameters', {
    ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app'] }],
  })
  const metadata = described.body['Parameters'] as Record<string, unknown>[]
  t.same(
    metadata.map(p => p['Name']),
    ['/app/db/password', '/app/hosts', '/app/url'],
  )
  t.match(metadata[0], {
    Type: 'SecureString',
    Version: 2,
    KeyId: 'alias/aws/ssm',
    Tier: 'Standard',
  })
  t.notOk(JSON.stringify(described.body).includes('hunter'), 'no values in DescribeParameters')
  const paged = await ssm(server, 'DescribeParameters', { MaxResults: 1 })
  t.equal((paged.body['Parameters'] as unknown[]).length, 1)
  t.type(paged.body['NextToken'], 'string')

  t.same((await ssm(server, 'DeleteParameter', { Name: '/app/url' })).body, {})
  const gone = await ssm(server, 'GetParameter', { Name: '/app/url' })
  t.equal(gone.status, 400)
  t.same(gone.body, { __type: 'ParameterNotFound', message: 'Parameter /app/url not found.' })
})

t.test('bad input: 400 in SSM shape for each operation', async t => {
  const server = await testServer(t)
  await ssm(server, 'PutParameter', {
    Name: '/exists',
    Value: 'v',
    Type: 'String',
    AllowedPattern: '^v+$',
  })
  const cases: { op: string; body: unknown; want: string; message?: RegExp }[] = [
    {
      op: 'PutParameter',
      body: { Name: 'bad name!', Value: 'x', Type: 'String' },
      want: 'ValidationException',
    },
    {
      op: 'PutParameter',
      body: { Name: '/aws/x', Value: 'x', Type: 'String' },
      want: 'ValidationException',
    },
    {
      op: 'PutParameter',
      body: { Name: '/new', Value: 'x' },
      want: 'ValidationException',
      message: /type is required/,
    },
    {
      op: 'PutParameter',
      body: { Name: '/new', Value: 'x', Type: 'Number' },
      want: 'ValidationException',
      message: /Type must be one of/,
    },
    {
      op: 'PutParameter',
      body: { Name: '/new', Type: 'String' },
      want: 'ValidationException',
      message: /Value is required/,
    },
    {
      op: 'PutParameter',
      body: { Name: '/new', Value: 'x'.repeat(4097), Type: 'String' },
      want: 'ValidationException',
      message: /4096/,
    },
    {
      op: 'PutParameter',
      body: { Name: '/exists', Value: 'v', Type: 'String' },
      want: 'ParameterAlreadyExists',
    },
    {
      op: 'PutParameter',
      body: { Name: '/exists', Value: 'w', Overwrite: true },
      want: 'ParameterPatternMismatchException',
    },
    {
      op: 'PutParameter',
      body: { Name: '/exists', Value: 'v', Type: 'SecureString', Overwrite: true },
      want: 'HierarchyTypeMismatchException',
    },
    {
      op: 'PutParameter',
      body: { Name: '/p', Value: 'v', Type: 'String', AllowedPattern: '(' },
      want: 'InvalidAllowedPatternException',
    },
    {
      op: 'PutParameter',
      body: { Name: 7, Value: 'v', Type: 'String' },
      want: 'SerializationException',
    },
    { op: 'GetParameter', body: { Name: '/nope' }, want: 'ParameterNotFound' },
    { op: 'GetParameter', body: { Name: '/exists:7' }, want: 'ParameterVersionNotFound' },
    { op: 'GetParameter', body: {}, want: 'ValidationException', message: /Name is required/ },
    { op: 'GetParameters', body: { Names: [] }, want: 'ValidationException' },
    {
      op: 'GetParameters',
      body: { Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) },
      want: 'ValidationException',
    },
    {
      op: 'GetParametersByPath',
      body: { Path: 'app' },
      want: 'ValidationException',
      message: /must begin with/,
    },
    {
      op: 'GetParametersByPath',
      body: { Path: '/', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] },
      want: 'InvalidFilterKey',
    },
    { op: 'GetParametersByPath', body: { Path: '/', NextToken: 'junk' }, want: 'InvalidNextToken' },
    {
      op: 'DescribeParameters',
      body: { ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['S'] }] },
      want: 'InvalidFilterOption',
    },
    { op: 'DescribeParameters', body: { MaxResults: 51 }, want: 'ValidationException' },
    { op: 'DeleteParameter', body: { Name: '/nope' }, want: 'ParameterNotFound' },
    { op: 'DeleteParameter', body: { Name: '' }, want: 'ValidationException' },
    {
      op: 'LabelParameterVersion',
      body: { Name: '/exists', Labels: ['x'] },
      want: 'UnknownOperationException',
    },
  ]
  for (const { op, body, want, message } of cases) {
    const answer = await ssm(server, op, body)
    t.equal(answer.status, 400, `${op} ${JSON.stringify(body).slice(0, 60)}`)
    t.equal(answer.body['__type'], want, `${op}: ${want}`)
    t.type(answer.body['message'], 'string')
    if (message) t.match(answer.body['message'], message)
  }
  const wrongService = await apiCall(
    server,
    'ssm',
    'GetParameter',
    { Name: '/exists' },
    { service: 'ecs' },
  )
  t.same(
    [wrongService.status, wrongService.body['__type'], wrongService.body['message']],
    [400, 'InvalidSignatureException', "Credential should be scoped to correct service: 'ssm'."],
  )
})

t.test('values are encrypted at rest with the key file, created 0600', async t => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayside-ssm-at-rest-'))
  t.teardown(() => {
    rmSync(dataDir, { recursive: true, force: true })
  })
  const server = await startServer({ port: 0, dataDir, logFormat: 'none', serviceScheduler: false })
  t.teardown(() => server.close())
  t.same(
    readdirSync(dataDir).filter(f => f === 'secrets.key'),
    [],
    'no key before it is needed',
  )
  const plaintexts = ['correct-horse-battery-staple', 'plain-string-value-4711']
  await apiCall(server, 'ssm', 'PutParameter', {
    Name: '/s',
    Value: plaintexts[0],
    Type: 'SecureString',
  })
  await apiCall(server, 'ssm', 'PutParameter', { Name: '/p', Value: plaintexts[1], Type: 'String' })
  await server.close()
  const { statSync } = await import('node:fs')
  t.equal(statSync(join(dataDir, 'secrets.key')).mode & 0o777, 0o600)
  // the whole database, WAL included: neither value is there in the clear
  for (const file of readdirSync(dataDir).filter(f => f.startsWith('quayside.db'))) {
    const raw = readFileSync(join(dataDir, file)).toString('latin1')
    for (const plaintext of plaintexts)
      t.notOk(raw.includes(plaintext), `${file} has no ${plaintext}`)
  }
  const again = await startServer({ port: 0, dataDir, logFormat: 'none', serviceScheduler: false })
  t.teardown(() => again.close())
  const read = await apiCall(again, 'ssm', 'GetParameter', { Name: '/s', WithDecryption: true })
  t.match(read.body, { Parameter: { Value: plaintexts[0] } }, 'the same key after a restart')
})
