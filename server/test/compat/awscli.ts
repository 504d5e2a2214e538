import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { testServer } from '../fixtures/server.js'

const run = promisify(execFile)

await withExternal(t, ['awscli'], 'the AWS CLI drives the server', async t => {
  t.setTimeout(120_000)
  const server = await testServer(t)
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'ap-south-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
  const aws = async (...args: string[]) => {
    const { stdout } = await run(
      'aws',
      ['ecs', ...args, '--endpoint-url', server.url, '--output', 'json'],
      { env, timeout: 60_000 },
    )
    return JSON.parse(stdout || '{}') as Record<string, unknown>
  }
  const awsError = async (...args: string[]) => {
    try {
      await aws(...args)
    } catch (error) {
      return error as { stderr: string; code: number }
    }
    throw new Error(`aws ${args.join(' ')} did not fail`)
  }

  const created = await aws('create-cluster', '--cluster-name', 'cli')
  t.equal(
    (created['cluster'] as { clusterArn: string }).clusterArn,
    'arn:aws:ecs:ap-south-1:000000000000:cluster/cli',
  )
  const listed = await aws('list-clusters')
  t.same(listed['clusterArns'], ['arn:aws:ecs:ap-south-1:000000000000:cluster/cli'])
  const td = await aws(
    'register-task-definition',
    '--family',
    'cli',
    '--container-definitions',
    JSON.stringify([{ name: 'a', image: 'busybox', memory: 32 }]),
  )
  t.equal((td['taskDefinition'] as { revision: number }).revision, 1)
  const described = await aws('describe-task-definition', '--task-definition', 'cli')
  t.match(described['taskDefinition'], { family: 'cli', status: 'ACTIVE' })
  const settings = await aws('list-account-settings', '--effective-settings')
  t.equal((settings['settings'] as unknown[]).length, 11, 'the CLI follows nextToken across pages')

  const missing = await awsError('delete-cluster', '--cluster', 'nope')
  t.ok([254, 255].includes(missing.code), 'a service error exit code (v2: 254, v1: 255)')
  t.match(missing.stderr, /ClusterNotFoundException.*Cluster not found/)
  const unsupported = await awsError('describe-task-sets', '--cluster', 'cli', '--service', 'x')
  t.match(unsupported.stderr, /UnsupportedFeatureException.*DescribeTaskSets/)
  const noInstances = await awsError('run-task', '--cluster', 'cli', '--task-definition', 'cli')
  t.match(noInstances.stderr, /InvalidParameterException.*No Container Instances were found/)
  const service = await aws(
    'create-service',
    '--cluster',
    'cli',
    '--service-name',
    'web',
    '--task-definition',
    'cli',
    '--desired-count',
    '0',
  )
  t.match(service['service'], { status: 'ACTIVE', deployments: [{ status: 'PRIMARY' }] })
  const services = await aws('list-services', '--cluster', 'cli')
  t.same(services['serviceArns'], ['arn:aws:ecs:ap-south-1:000000000000:service/cli/web'])
  const scaled = await awsError('delete-service', '--cluster', 'cli', '--service', 'nope')
  t.match(scaled.stderr, /ServiceNotFoundException/)
  const tasks = await aws('list-tasks', '--cluster', 'cli')
  t.same(tasks['taskArns'], [])
  const missingTask = await aws('describe-tasks', '--cluster', 'cli', '--tasks', 'f'.repeat(32))
  t.match(missingTask['failures'], [{ reason: 'MISSING' }])
  const bad = await awsError('list-clusters', '--max-results', '1000')
  t.match(bad.stderr, /InvalidParameterException|ParamValidation|maxResults/)
})
