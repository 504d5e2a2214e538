// The task metadata endpoint and role credentials on the real Docker Engine, against a real
// server whose credentials file maps a role to a key: a container reads its own task with wget,
// cannot read through an id it was not given, fetches its role's key, and that key (also found
// by boto3 through AWS_CONTAINER_CREDENTIALS_FULL_URI) is accepted by the server as the role's
// account. Needs the local image quayside/busybox:test (and python3 with boto3 for the last part).
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { ECS } from '@quayside/sdk'
import { startServer } from '@quayside/server'
import { withExternal } from '../../../test/support/external.js'
import { startAgent } from '../../src/agent.js'
import { DockerodeRuntime } from '../../src/docker/dockerode-runtime.js'
import { CLUSTER_LABEL } from '../../src/docker/identity.js'
import { clusterArn } from '../fixtures/cluster-arn.js'
import { IMAGE } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

const run = promisify(execFile)
const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 60_000, everyMs: 100 })

const ROLE_ACCOUNT = '111111111111'
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/app`
const ROLE_KEY = { accessKeyId: 'QSAKTASKROLE', secretAccessKey: 'role-secret' }

/** `sh -c script` inside the container: its stdout, or the failure's exit code. */
async function inside(id: string, script: string): Promise<{ out: string; code: number }> {
  try {
    const { stdout } = await run('docker', ['exec', id, 'sh', '-c', script], { timeout: 20_000 })
    return { out: stdout, code: 0 }
  } catch (error) {
    return { out: '', code: Number((error as { code?: unknown }).code ?? -1) }
  }
}

await withExternal(t, ['docker'], 'the task endpoint on the real Docker Engine', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-task-endpoint-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const credentialsFile = join(dir, 'keys.json')
  await writeFile(
    credentialsFile,
    JSON.stringify([
      { accessKeyId: 'test', secretAccessKey: 'test' },
      { ...ROLE_KEY, accountId: ROLE_ACCOUNT, roleArn: ROLE },
    ]),
  )
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'db'),
    logFormat: 'none',
    credentialsFile,
  })
  t.teardown(() => server.close())
  const ecs = new ECS({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  t.teardown(() => ecs.close())
  const cluster = `quayside-meta-${randomBytes(4).toString('hex')}`
  const runtime = new DockerodeRuntime()
  t.teardown(async () => {
    for (const c of await runtime.listContainers({ [CLUSTER_LABEL]: clusterArn(cluster) }))
      await runtime.removeContainer(c.id, { force: true })
  })
  await ecs.createCluster({ clusterName: cluster })
  const main = { name: 'main', image: IMAGE, command: ['sleep', '600'], memory: 32, stopTimeout: 1 }
  await ecs.registerTaskDefinition({
    family: 'meta',
    taskRoleArn: ROLE,
    containerDefinitions: [main],
  })
  await ecs.registerTaskDefinition({
    family: 'meta-host',
    networkMode: 'host',
    containerDefinitions: [main],
  })
  const errors: unknown[] = []
  const agent = await startAgent({
    endpoint: server.url,
    cluster,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    runtime,
    stateDir: join(dir, 'state'),
    metadataEndpoint: false,
    introspectionPort: 0,
    retryDelayMs: 50,
    backoffMs: 50,
    engine: { cleanupDelayMs: 10 * 60_000 },
    onError: error => errors.push(error),
  })
  t.teardown(() => agent.close())
  const instance = agent.registration.containerInstanceArn
  await until('connected', async () => {
    const { containerInstances } = await ecs.describeContainerInstances({
      cluster,
      containerInstances: [instance],
    })
    return containerInstances?.[0]?.agentConnected === true ? true : undefined
  })
  const running = async (family: string) => {
    const started = await ecs.runTask({ cluster, taskDefinition: family })
    const arn = started.tasks?.[0]?.taskArn ?? ''
    const id = await until(`${family} RUNNING`, async () => {
      const task = (await ecs.describeTasks({ cluster, tasks: [arn] })).tasks?.[0]
      return task?.lastStatus === 'RUNNING' ? task.containers?.[0]?.runtimeId : undefined
    })
    return { arn, id }
  }
  const bridge = await running('meta')
  const host = await running('meta-host')

  await t.test(
    'wget $ECS_CONTAINER_METADATA_URI_V4/task: its own task, in bridge and host mode',
    async t => {
      for (const { arn, id } of [bridge, host]) {
        const got = await inside(id, 'wget -qO- "$ECS_CONTAINER_METADATA_URI_V4/task"')
        t.equal(got.code, 0)
        const task = JSON.parse(got.out) as { TaskARN: string; Containers: { DockerId: string }[] }
        t.equal(task.TaskARN, arn)
        t.equal(task.Containers[0]?.DockerId, id)
        const self: unknown = JSON.parse(
          (await inside(id, 'wget -qO- "$ECS_CONTAINER_METADATA_URI_V4"')).out,
        )
        t.match(self, { Name: 'main', DockerId: id, KnownStatus: 'RUNNING' })
      }
      const v3 = await inside(bridge.id, 'wget -qO- "$ECS_CONTAINER_METADATA_URI/task"')
      t.match(JSON.parse(v3.out), { TaskARN: bridge.arn })
      const stats = await inside(bridge.id, 'wget -qO- "$ECS_CONTAINER_METADATA_URI_V4/stats"')
      t.match(JSON.parse(stats.out), { memory_stats: {} }, "Docker's stats JSON")
    },
  )

  await t.test('another id or path is not answered', async t => {
    const rows = [
      'wget -qO- "${ECS_CONTAINER_METADATA_URI_V4%/*}/00000000000000000000000000000000/task"',
      'wget -qO- "$ECS_CONTAINER_METADATA_URI_V4/nothing"',
      'wget -qO- "${ECS_CONTAINER_METADATA_URI_V4%/v4/*}/v2/credentials/00000000000000000000000000000000"',
    ]
    for (const script of rows) t.not((await inside(bridge.id, script)).code, 0, script)
    const env = (await inside(host.id, 'env')).out
    t.notMatch(env, /AWS_CONTAINER_CREDENTIALS/, 'a task without a role has no credentials URI')
  })

  const env = Object.fromEntries(
    (await inside(bridge.id, 'env')).out
      .split('\n')
      .filter(line => line.includes('='))
      .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>

  await t.test(
    'the container fetches its role key, which the server takes as the role',
    async t => {
      t.match(env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'], /^\/v2\/credentials\/[0-9a-f]{32}$/)
      const got = await inside(bridge.id, 'wget -qO- "$AWS_CONTAINER_CREDENTIALS_FULL_URI"')
      const keys = JSON.parse(got.out) as Record<string, string>
      t.match(keys, { RoleArn: ROLE, ...{ AccessKeyId: ROLE_KEY.accessKeyId }, Token: /./ })
      t.equal(keys['SecretAccessKey'], ROLE_KEY.secretAccessKey)
      t.ok(Date.parse(keys['Expiration'] ?? '') > Date.now(), 'expires in the future')
      const asRole = new ECS({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: {
          accessKeyId: keys['AccessKeyId'] ?? '',
          secretAccessKey: keys['SecretAccessKey'] ?? '',
          sessionToken: keys['Token'] ?? '',
        },
      })
      t.teardown(() => asRole.close())
      const made = await asRole.createCluster({ clusterName: 'role-made' })
      t.equal(made.cluster?.clusterArn, `arn:aws:ecs:us-east-1:${ROLE_ACCOUNT}:cluster/role-made`)
    },
  )

  await t.test('boto3 finds the key through AWS_CONTAINER_CREDENTIALS_FULL_URI', async t => {
    await withExternal(t, ['python'], 'boto3 with the container credentials provider', async t => {
      // from the host the agent's endpoint is on loopback, one of the hosts botocore allows
      const full = (env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '').replace(
        /^http:\/\/[^:/]+/,
        'http://127.0.0.1',
      )
      const script = [
        'import boto3, json, sys',
        'session = boto3.session.Session(region_name="us-east-1")',
        'ecs = session.client("ecs", endpoint_url=sys.argv[1])',
        'answer = ecs.list_clusters()',
        'print(json.dumps({"key": session.get_credentials().access_key, "method": session.get_credentials().method, "clusters": answer["clusterArns"]}))',
      ].join('\n')
      // no other credentials for boto3 to find first
      const rest = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !/^AWS_/.test(name)),
      )
      const { stdout } = await run('python3', ['-c', script, server.url], {
        timeout: 60_000,
        env: {
          ...rest,
          AWS_CONTAINER_CREDENTIALS_FULL_URI: full,
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      })
      const got = JSON.parse(stdout) as { key: string; method: string; clusters: string[] }
      t.equal(got.key, ROLE_KEY.accessKeyId)
      t.equal(got.method, 'container-role')
      t.strictSame(got.clusters, [`arn:aws:ecs:us-east-1:${ROLE_ACCOUNT}:cluster/role-made`])
    })
  })
  t.strictSame(
    errors.filter(e => !/does not answer/.test(String(e))),
    [],
    'the agent saw no errors',
  )
})
