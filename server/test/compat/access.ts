/**
 * Scoped credentials and throttling as boto3 and the AWS CLI see them: a restricted key gets
 * AccessDeniedException (botocore's ClientError with that code), an allowed call passes, and a
 * throttled call is ThrottlingException "Rate exceeded", which boto3 retries.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { parseCredentials } from '../../src/auth/credentials.js'
import { DEFAULT_THROTTLE_RATES } from '../../src/auth/throttle.js'
import { testServer } from '../fixtures/server.js'

const run = promisify(execFile)
const script = fileURLToPath(new URL('fixtures/boto3_access.py', import.meta.url))

const credentials = parseCredentials(
  JSON.stringify([
    { accessKeyId: 'test', secretAccessKey: 'test' },
    {
      accessKeyId: 'reader',
      secretAccessKey: 'r',
      user: 'reader',
      policy: {
        Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: '*' }],
      },
    },
  ]),
  '000000000000',
  'test',
)
const throttling = {
  ...DEFAULT_THROTTLE_RATES,
  'cluster-read': { burst: 2, refillPerSecond: 10 },
  // per account whatever the key: a refused call takes its token too, as in ECS
  write: { burst: 3, refillPerSecond: 0.001 },
}
const denial = (action: string, resource: string) =>
  `User: arn:aws:iam::000000000000:user/reader is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
const env = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
}

await withExternal(
  t,
  ['python'],
  'boto3: AccessDeniedException and ThrottlingException',
  async t => {
    const server = await testServer(t, { credentials, throttling })
    const { stdout } = await run('python3', [script, server.url], { timeout: 60_000, env })
    const out = JSON.parse(stdout) as Record<string, unknown>
    t.same(out['denied'], {
      code: 'AccessDeniedException',
      message: denial('ecs:DeleteCluster', 'arn:aws:ecs:us-east-1:000000000000:cluster/boto'),
      status: 400,
      attempts: 1,
    })
    t.same(out['allowed'], [], 'ListServices is allowed to the reader')
    t.equal(out['write_ok'], null)
    t.same(out['throttled'], {
      code: 'ThrottlingException',
      message: 'Rate exceeded',
      status: 400,
      attempts: 1,
    })
    t.ok(
      (out['reads_after_retries'] as number) > 0,
      'boto3 retried throttled reads until they passed',
    )
  },
)

await withExternal(
  t,
  ['awscli'],
  'the AWS CLI: AccessDeniedException and ThrottlingException',
  async t => {
    t.setTimeout(120_000)
    const server = await testServer(t, { credentials, throttling })
    const aws = (key: string, secret: string, ...args: string[]) =>
      run('aws', ['ecs', ...args, '--endpoint-url', server.url, '--output', 'json'], {
        timeout: 60_000,
        env: {
          ...env,
          AWS_ACCESS_KEY_ID: key,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_MAX_ATTEMPTS: '1',
        },
      })
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise
      } catch (error) {
        return (error as { stderr: string }).stderr
      }
      throw new Error('the command did not fail')
    }
    await aws('test', 'test', 'create-cluster', '--cluster-name', 'cli')
    const denied = await failure(aws('reader', 'r', 'delete-cluster', '--cluster', 'cli'))
    t.match(denied, /AccessDeniedException/)
    t.ok(
      denied.includes(
        denial('ecs:DeleteCluster', 'arn:aws:ecs:us-east-1:000000000000:cluster/cli'),
      ),
      denied,
    )
    const listed = JSON.parse(
      (await aws('reader', 'r', 'list-services', '--cluster', 'cli')).stdout,
    ) as {
      serviceArns: string[]
    }
    t.same(listed.serviceArns, [])
    await aws('test', 'test', 'create-cluster', '--cluster-name', 'cli2')
    const throttled = await failure(aws('test', 'test', 'create-cluster', '--cluster-name', 'cli3'))
    t.match(throttled, /ThrottlingException.*Rate exceeded/)
  },
)
