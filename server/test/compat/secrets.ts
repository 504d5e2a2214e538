// SSM Parameter Store and Secrets Manager with the real clients: the AWS CLI and boto3, pointed
// at the server's one endpoint, unmodified (each skipped with its reason when not installed).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { testServer } from '../fixtures/server.js'

const run = promisify(execFile)
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
}

await withExternal(t, ['awscli'], 'aws ssm and aws secretsmanager', async t => {
  t.setTimeout(120_000)
  const server = await testServer(t)
  const aws = async (...args: string[]) => {
    const { stdout } = await run(
      'aws',
      [...args, '--endpoint-url', server.url, '--output', 'json'],
      {
        env,
        timeout: 60_000,
      },
    )
    return JSON.parse(stdout || '{}') as Record<string, unknown>
  }
  const awsError = async (...args: string[]) => {
    try {
      await aws(...args)
    } catch (error) {
      return (error as { stderr: string }).stderr
    }
    throw new Error(`aws ${args.join(' ')} did not fail`)
  }
  t.same(
    await aws(
      'ssm',
      'put-parameter',
      '--name',
      '/cli/token',
      '--value',
      'tok-1',
      '--type',
      'SecureString',
    ),
    {
      Version: 1,
      Tier: 'Standard',
    },
  )
  const got = await aws('ssm', 'get-parameter', '--name', '/cli/token', '--with-decryption')
  t.match(got, {
    Parameter: {
      Name: '/cli/token',
      Value: 'tok-1',
      ARN: 'arn:aws:ssm:eu-west-1:000000000000:parameter/cli/token',
    },
  })
  const path = await aws('ssm', 'get-parameters-by-path', '--path', '/cli', '--recursive')
  t.equal((path['Parameters'] as unknown[]).length, 1)
  t.match(await awsError('ssm', 'get-parameter', '--name', '/cli/none'), /ParameterNotFound/)
  const secret = await aws(
    'secretsmanager',
    'create-secret',
    '--name',
    'cli-db',
    '--secret-string',
    '{"password":"pw"}',
  )
  t.match(secret['ARN'], /:secret:cli-db-[A-Za-z0-9]{6}$/)
  t.match(await aws('secretsmanager', 'get-secret-value', '--secret-id', 'cli-db'), {
    SecretString: '{"password":"pw"}',
  })
  t.match(
    await awsError('secretsmanager', 'get-secret-value', '--secret-id', 'missing'),
    /ResourceNotFoundException/,
  )
})

const script = `
import json, sys, boto3
url = sys.argv[1]
kw = dict(endpoint_url=url, region_name='us-west-2', aws_access_key_id='test', aws_secret_access_key='test')
ssm = boto3.client('ssm', **kw)
sm = boto3.client('secretsmanager', **kw)
out = {}
for i in range(12):
    ssm.put_parameter(Name='/b/p%02d' % i, Value='v%d' % i, Type='String')
pages = ssm.get_paginator('get_parameters_by_path').paginate(Path='/b', PaginationConfig={'PageSize': 5})
out['by_path'] = [p['Name'] for page in pages for p in page['Parameters']]
out['described'] = len([p for page in ssm.get_paginator('describe_parameters').paginate() for p in page['Parameters']])
try:
    ssm.get_parameter(Name='/b/none')
except ssm.exceptions.ParameterNotFound as e:
    out['not_found'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
arn = sm.create_secret(Name='boto', SecretString='first')['ARN']
sm.put_secret_value(SecretId=arn, SecretString='second')
out['current'] = sm.get_secret_value(SecretId='boto')['SecretString']
out['previous'] = sm.get_secret_value(SecretId=arn, VersionStage='AWSPREVIOUS')['SecretString']
try:
    sm.describe_secret(SecretId='none')
except sm.exceptions.ResourceNotFoundException as e:
    out['missing'] = [e.response['Error']['Code'], e.response['Error']['Message']]
print(json.dumps(out))
`

await withExternal(t, ['python'], 'boto3 ssm and secretsmanager clients', async t => {
  const server = await testServer(t)
  const { stdout } = await run('python3', ['-c', script, server.url], { env, timeout: 60_000 })
  const out = JSON.parse(stdout) as Record<string, unknown>
  t.same(
    out['by_path'],
    Array.from({ length: 12 }, (_, i) => `/b/p${String(i).padStart(2, '0')}`),
    'paginated by boto3',
  )
  t.equal(out['described'], 12)
  t.same(out['not_found'], ['ParameterNotFound', 400])
  t.equal(out['current'], 'second')
  t.equal(out['previous'], 'first')
  t.same(out['missing'], [
    'ResourceNotFoundException',
    "Secrets Manager can't find the specified secret.",
  ])
})
