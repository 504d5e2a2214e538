import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { testServer } from '../fixtures/server.js'

const run = promisify(execFile)
const script = fileURLToPath(new URL('fixtures/boto3_client.py', import.meta.url))

await withExternal(
  t,
  ['python'],
  'boto3 drives clusters, task definitions, instances, tags and errors',
  async t => {
    const server = await testServer(t)
    const { stdout } = await run('python3', [script, server.url], {
      timeout: 60_000,
      env: {
        ...process.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    })
    const out = JSON.parse(stdout) as Record<string, unknown>
    t.equal(
      out['create'],
      'arn:aws:ecs:eu-west-1:000000000000:cluster/boto',
      'region from the SigV4 scope',
    )
    t.match(out['describe'], {
      clusters: [{ clusterName: 'boto', tags: [{ key: 'k', value: 'v' }] }],
      failures: [{ reason: 'MISSING' }],
    })
    t.same(out['not_found'], {
      code: 'ClusterNotFoundException',
      status: 400,
      class: 'ClusterNotFoundException',
    })
    t.same(out['unsupported'], {
      code: 'UnsupportedFeatureException',
      status: 400,
      class: 'UnsupportedFeatureException',
    })
    t.same(out['run'], { tasks: [], failures: ['AGENT'] }, 'no connected agent: AGENT')
    t.same(out['describe_tasks'], ['MISSING'])
    t.same(out['service'], { status: 'ACTIVE', deployments: ['PRIMARY'], createdAt: 'datetime' })
    t.same(out['service_deployments'], ['PRIMARY', 'ACTIVE'])
    t.same(out['service_failures'], ['MISSING'])
    t.same(out['services'], ['arn:aws:ecs:eu-west-1:000000000000:service/boto/api'])
    t.equal(out['service_deleted'], 'INACTIVE')
    t.same(out['no_service'], {
      code: 'ServiceNotFoundException',
      status: 400,
      class: 'ServiceNotFoundException',
    })
    t.same(out['list_tasks'], [])
    t.match(out['poll'], /^http:\/\/127\.0\.0\.1:\d+\/$/)
    t.same(out['agent_update'], {
      code: 'MissingVersionException',
      status: 400,
      class: 'MissingVersionException',
    })
    t.same(out['td'], {
      arn: 'arn:aws:ecs:eu-west-1:000000000000:task-definition/boto:1',
      revision: 1,
      registeredAt: 'datetime',
    })
    t.same(out['families'], ['boto'])
    t.same(out['paged'], [
      'arn:aws:ecs:eu-west-1:000000000000:task-definition/boto:1',
      'arn:aws:ecs:eu-west-1:000000000000:task-definition/boto:2',
    ])
    t.equal(out['listed'], true)
    t.match(out['bad_filter'], { code: 'InvalidParameterException', status: 400 })
    t.match(out['in_use'], { code: 'ClusterContainsContainerInstancesException', status: 400 })
    t.same(out['tags'], [{ key: 'a', value: 'b' }])
    t.equal(out['setting'], 'enabled')
    t.match(out['bad_secret'], { code: 'InvalidSignatureException', status: 400 })
  },
)
