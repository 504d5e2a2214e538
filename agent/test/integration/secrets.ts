// Container secrets on the real Docker Engine against a real server: a parameter put with
// `aws ssm put-parameter` (or, without the AWS CLI, through the server's SSM API) and a Secrets
// Manager JSON key reach the container's environment while DescribeTasks never shows them, and a
// secret that does not exist stops the task with ECS's ResourceInitializationError. Needs the
// local image quayside/busybox:test.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import aws4 from 'aws4'
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
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
}

/** A signed call of another API on the server's endpoint (as its AWS clients send it). */
async function apiCall(
  url: string,
  target: string,
  service: string,
  body: object,
): Promise<Record<string, unknown>> {
  const { host } = new URL(url)
  const payload = JSON.stringify(body)
  const req = {
    host,
    path: '/',
    method: 'POST',
    service,
    region: 'us-east-1',
    body: payload,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target } as Record<
      string,
      string
    >,
  }
  aws4.sign(req, { accessKeyId: 'test', secretAccessKey: 'test' })
  const response = await fetch(`${url}/`, { method: 'POST', headers: req.headers, body: payload })
  return (await response.json()) as Record<string, unknown>
}

await withExternal(t, ['docker'], 'container secrets on the real Docker Engine', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-secrets-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const server = await startServer({ port: 0, dataDir: join(dir, 'db'), logFormat: 'none' })
  t.teardown(() => server.close())
  const ecs = new ECS({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  t.teardown(() => ecs.close())
  const cluster = `quayside-secrets-${randomBytes(4).toString('hex')}`
  const runtime = new DockerodeRuntime()
  t.teardown(async () => {
    for (const c of await runtime.listContainers({ [CLUSTER_LABEL]: clusterArn(cluster) }))
      await runtime.removeContainer(c.id, { force: true })
  })

  const putArgs = ['--name', '/e2e/db/password', '--value', 'hunter2-e2e', '--type', 'SecureString']
  const cli = await run('aws', ['--version'], { env, timeout: 30_000 }).then(
    () => true,
    () => false,
  )
  if (cli)
    await run('aws', ['ssm', 'put-parameter', ...putArgs, '--endpoint-url', server.url], {
      env,
      timeout: 60_000,
    })
  else
    await apiCall(server.url, 'AmazonSSM.PutParameter', 'ssm', {
      Name: '/e2e/db/password',
      Value: 'hunter2-e2e',
      Type: 'SecureString',
    })
  t.comment(
    cli
      ? 'parameter put with `aws ssm put-parameter`'
      : 'no AWS CLI here: parameter put with a signed call',
  )
  const secret = await apiCall(server.url, 'secretsmanager.CreateSecret', 'secretsmanager', {
    Name: 'e2e-db',
    SecretString: '{"user":"e2e-user"}',
  })
  const secretArn = String(secret['ARN'])

  await ecs.createCluster({ clusterName: cluster })
  const main = { name: 'main', image: IMAGE, command: ['sleep', '600'], memory: 32, stopTimeout: 1 }
  await ecs.registerTaskDefinition({
    family: 'with-secrets',
    executionRoleArn: 'arn:aws:iam::000000000000:role/exec',
    containerDefinitions: [
      {
        ...main,
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: '/e2e/db/password' },
          { name: 'DB_USER', valueFrom: `${secretArn}:user::` },
        ],
      },
    ],
  })
  await ecs.registerTaskDefinition({
    family: 'missing-secret',
    executionRoleArn: 'arn:aws:iam::000000000000:role/exec',
    containerDefinitions: [{ ...main, secrets: [{ name: 'X', valueFrom: '/e2e/not-there' }] }],
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

  const started = await ecs.runTask({ cluster, taskDefinition: 'with-secrets' })
  const arn = started.tasks?.[0]?.taskArn ?? ''
  t.not(arn, '', 'placed: the agent advertises the secrets capabilities')
  const id = await until('with-secrets RUNNING', async () => {
    const task = (await ecs.describeTasks({ cluster, tasks: [arn] })).tasks?.[0]
    return task?.lastStatus === 'RUNNING' ? task.containers?.[0]?.runtimeId : undefined
  })
  const { stdout } = await run('docker', ['exec', id, 'sh', '-c', 'echo "$DB_PASSWORD|$DB_USER"'], {
    timeout: 20_000,
  })
  t.equal(stdout.trim(), 'hunter2-e2e|e2e-user', 'the values are in the environment')
  const described = JSON.stringify(await ecs.describeTasks({ cluster, tasks: [arn] }))
  t.notOk(
    described.includes('hunter2-e2e') || described.includes('e2e-user'),
    'DescribeTasks shows no value',
  )

  const failed = await ecs.runTask({ cluster, taskDefinition: 'missing-secret' })
  const failedArn = failed.tasks?.[0]?.taskArn ?? ''
  const stopped = await until('missing-secret STOPPED', async () => {
    const task = (await ecs.describeTasks({ cluster, tasks: [failedArn] })).tasks?.[0]
    return task?.lastStatus === 'STOPPED' ? task : undefined
  })
  t.equal(stopped.stopCode, 'TaskFailedToStart')
  t.match(
    stopped.stoppedReason,
    /^ResourceInitializationError: unable to pull secrets or registry auth: .*invalid ssm parameters: \/e2e\/not-there/,
  )
  t.same(errors, [], 'the agent reported no faults')
})
