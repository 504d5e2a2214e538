// Secrets Manager through the server's endpoint: versions and staging labels, ids by name and
// ARN, deletion with and without recovery, listing, and bad input answered 400 in its own shape.
import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

type Server = Awaited<ReturnType<typeof testServer>>
const sm = (server: Server, op: string, body: unknown) =>
  apiCall(server, 'secretsmanager', op, body)

t.test('create, get, put, describe, list, delete', async t => {
  const server = await testServer(t)
  const created = await sm(server, 'CreateSecret', {
    Name: 'db',
    SecretString: '{"user":"app","password":"s3cret"}',
    Tags: [{ Key: 'team', Value: 'core' }],
  })
  t.equal(created.status, 200)
  const arn = created.body['ARN'] as string
  t.match(arn, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:db-[A-Za-z0-9]{6}$/)
  const v1 = created.body['VersionId'] as string

  for (const id of ['db', arn, 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db']) {
    const got = await sm(server, 'GetSecretValue', { SecretId: id })
    t.match(
      got.body,
      {
        ARN: arn,
        Name: 'db',
        VersionId: v1,
        SecretString: '{"user":"app","password":"s3cret"}',
        VersionStages: ['AWSCURRENT'],
      },
      id,
    )
  }
  const put = await sm(server, 'PutSecretValue', {
    SecretId: 'db',
    SecretString: 'v2',
    ClientRequestToken: 'token-0000000000000000000000000000002',
  })
  t.match(put.body, {
    VersionId: 'token-0000000000000000000000000000002',
    VersionStages: ['AWSCURRENT'],
  })
  const repeat = await sm(server, 'PutSecretValue', {
    SecretId: 'db',
    SecretString: 'v2',
    ClientRequestToken: 'token-0000000000000000000000000000002',
  })
  t.equal(repeat.status, 200, 'the same token and value: the same version')
  const previous = await sm(server, 'GetSecretValue', {
    SecretId: 'db',
    VersionStage: 'AWSPREVIOUS',
  })
  t.match(previous.body, { VersionId: v1, SecretString: '{"user":"app","password":"s3cret"}' })
  const binary = await sm(server, 'CreateSecret', {
    Name: 'bin',
    SecretBinary: Buffer.from([1, 2, 3]).toString('base64'),
  })
  t.equal(binary.status, 200)
  t.match((await sm(server, 'GetSecretValue', { SecretId: 'bin' })).body, { SecretBinary: 'AQID' })

  const described = await sm(server, 'DescribeSecret', { SecretId: 'db' })
  t.match(described.body, {
    Name: 'db',
    Tags: [{ Key: 'team', Value: 'core' }],
    VersionIdsToStages: { [v1]: ['AWSPREVIOUS'] },
  })
  t.notOk(described.text.includes('s3cret'), 'no value in DescribeSecret')

  const listed = await sm(server, 'ListSecrets', {
    Filters: [{ Key: 'tag-key', Values: ['team'] }],
  })
  t.same(
    (listed.body['SecretList'] as { Name: string }[]).map(s => s.Name),
    ['db'],
  )
  const page = await sm(server, 'ListSecrets', { MaxResults: 1 })
  t.same(
    (page.body['SecretList'] as { Name: string }[]).map(s => s.Name),
    ['bin'],
  )
  const next = await sm(server, 'ListSecrets', { MaxResults: 1, NextToken: page.body['NextToken'] })
  t.same(
    (next.body['SecretList'] as { Name: string }[]).map(s => s.Name),
    ['db'],
  )
  t.notOk(listed.text.includes('s3cret'), 'no value in ListSecrets')

  const scheduled = await sm(server, 'DeleteSecret', { SecretId: 'db', RecoveryWindowInDays: 7 })
  t.match(scheduled.body, { ARN: arn, Name: 'db' })
  const marked = await sm(server, 'GetSecretValue', { SecretId: 'db' })
  t.same([marked.status, marked.body['__type']], [400, 'InvalidRequestException'])
  t.same(
    (await sm(server, 'ListSecrets', {})).body['SecretList'] &&
      ((await sm(server, 'ListSecrets', {})).body['SecretList'] as { Name: string }[]).map(
        s => s.Name,
      ),
    ['bin'],
  )
  const planned = await sm(server, 'ListSecrets', { IncludePlannedDeletion: true })
  t.same(
    (planned.body['SecretList'] as { Name: string }[]).map(s => s.Name),
    ['bin', 'db'],
  )
  const taken = await sm(server, 'CreateSecret', { Name: 'db', SecretString: 'x' })
  t.same([taken.status, taken.body['__type']], [400, 'InvalidRequestException'])
  await sm(server, 'DeleteSecret', { SecretId: 'bin', ForceDeleteWithoutRecovery: true })
  const gone = await sm(server, 'DescribeSecret', { SecretId: 'bin' })
  t.same(gone.body, {
    __type: 'ResourceNotFoundException',
    Message: "Secrets Manager can't find the specified secret.",
  })
})

t.test('bad input: 400 in Secrets Manager shape for each operation', async t => {
  const server = await testServer(t)
  await sm(server, 'CreateSecret', { Name: 'exists', SecretString: 'x' })
  const cases: { op: string; body: unknown; want: string }[] = [
    {
      op: 'CreateSecret',
      body: { Name: 'bad name', SecretString: 'x' },
      want: 'InvalidParameterException',
    },
    {
      op: 'CreateSecret',
      body: { Name: 'two', SecretString: 'x', SecretBinary: 'eA==' },
      want: 'InvalidParameterException',
    },
    {
      op: 'CreateSecret',
      body: { Name: 'exists', SecretString: 'x' },
      want: 'ResourceExistsException',
    },
    { op: 'CreateSecret', body: { SecretString: 'x' }, want: 'InvalidParameterException' },
    { op: 'CreateSecret', body: { Name: ['x'] }, want: 'SerializationException' },
    { op: 'GetSecretValue', body: { SecretId: 'missing' }, want: 'ResourceNotFoundException' },
    {
      op: 'GetSecretValue',
      body: { SecretId: 'exists', VersionStage: 'AWSPENDING' },
      want: 'ResourceNotFoundException',
    },
    {
      op: 'GetSecretValue',
      body: { SecretId: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:exists-AbCdEf' },
      want: 'ResourceNotFoundException',
    },
    {
      op: 'PutSecretValue',
      body: { SecretId: 'missing', SecretString: 'x' },
      want: 'ResourceNotFoundException',
    },
    { op: 'PutSecretValue', body: { SecretId: 'exists' }, want: 'InvalidRequestException' },
    { op: 'DescribeSecret', body: { SecretId: 'missing' }, want: 'ResourceNotFoundException' },
    { op: 'DescribeSecret', body: {}, want: 'InvalidParameterException' },
    { op: 'ListSecrets', body: { MaxResults: 0 }, want: 'InvalidParameterException' },
    { op: 'ListSecrets', body: { NextToken: 'junk' }, want: 'InvalidNextTokenException' },
    { op: 'DeleteSecret', body: { SecretId: 'missing' }, want: 'ResourceNotFoundException' },
    {
      op: 'DeleteSecret',
      body: { SecretId: 'exists', RecoveryWindowInDays: 3 },
      want: 'InvalidParameterException',
    },
    {
      op: 'DeleteSecret',
      body: { SecretId: 'exists', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true },
      want: 'InvalidParameterException',
    },
    { op: 'RotateSecret', body: { SecretId: 'exists' }, want: 'UnknownOperationException' },
  ]
  for (const { op, body, want } of cases) {
    const answer = await sm(server, op, body)
    t.equal(answer.status, 400, `${op} ${JSON.stringify(body).slice(0, 60)}`)
    t.equal(answer.body['__type'], want, `${op}: ${want}`)
  }
})
