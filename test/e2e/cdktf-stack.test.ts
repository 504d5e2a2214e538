/**
 * examples/cdktf-stack as documented: `npm run synth` writes cdk.tf.json with plain node, and
 * (with terraform; required in CI) that JSON is applied against a quayside server on port 0 with
 * the provider from a filesystem mirror laid for the test. The server is checked through the SDK,
 * a second plan must be empty, then everything is destroyed.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROVIDER_SOURCE, installProvider } from '@quayside/provider'
import { ECS } from '@quayside/sdk'
import { startServer } from '@quayside/server'
import t from 'tap'
import { withExternal } from '../support/external.js'

t.setTimeout(300_000)

const root = resolve(import.meta.dirname, '../..')
const example = join(root, 'examples', 'cdktf-stack')
const synthesized = join(example, 'cdktf.out', 'stacks', 'quayside-example', 'cdk.tf.json')
const providerEntry = join(root, 'provider', 'dist', 'main.js')

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** The environment for child processes, without tap's loader and coverage hooks. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  for (const key of Object.keys(env)) {
    if (key === 'NODE_OPTIONS' || key === 'NODE_V8_COVERAGE' || key.startsWith('_TAPJS')) {
      Reflect.deleteProperty(env, key)
    }
  }
  return env
}

function runIn(cwd: string, env: NodeJS.ProcessEnv, file: string, args: string[]): Promise<Run> {
  return new Promise(done => {
    execFile(file, args, { cwd, env, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      done({ code, stdout, stderr })
    })
  })
}

interface Synthesized {
  provider?: { quayside?: Record<string, unknown>[] }
  resource?: Record<string, Record<string, Record<string, unknown>> | undefined>
  terraform?: { required_providers?: Record<string, { source?: string }> }
}

const synth = await runIn(example, childEnv(), 'npm', ['run', 'synth'])
t.equal(synth.code, 0, 'npm run synth', { stdout: synth.stdout, stderr: synth.stderr })
const stack = JSON.parse(readFileSync(synthesized, 'utf8')) as Synthesized

t.test('the synthesized JSON has the provider and the three resources', t => {
  t.equal(stack.terraform?.required_providers?.['quayside']?.source, PROVIDER_SOURCE)
  t.match(stack.provider?.quayside?.[0], {
    endpoint: '${var.endpoint}',
    access_key: '${var.access_key}',
    secret_key: '${var.secret_key}',
  })
  const resources = stack.resource ?? {}
  t.match(resources['quayside_cluster'], { main: { name: 'cdktf-example' } })
  const web = resources['quayside_task_definition']?.['web']
  t.match(web, { family: 'cdktf-example-web', memory: '128' })
  t.match(JSON.parse(String(web?.['container_definitions'])), [
    { name: 'web', image: 'quayside/busybox:test', command: ['httpd', '-f', '-v', '-p', '8080'] },
  ])
  t.match(resources['quayside_service'], {
    'web-service': {
      name: 'web',
      cluster: '${quayside_cluster.main.arn}',
      task_definition: '${quayside_task_definition.web.arn}',
      desired_count: 1,
    },
  })
  t.end()
})

await withExternal(t, ['terraform'], 'terraform applies the synthesized stack', async t => {
  t.ok(existsSync(providerEntry), 'the provider is built (npm run build)')
  const dir = t.testdir({ work: {} })
  const work = join(dir, 'work')
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    logFormat: 'none',
  })
  const ecs = new ECS({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  t.teardown(async () => {
    await ecs.close()
    await server.close()
  })
  const installed = installProvider({
    mirror: join(dir, 'mirror'),
    version: '0.1.0',
    entry: providerEntry,
    node: process.execPath,
  })
  writeFileSync(join(dir, 'cli.tfrc'), installed.cliConfig)
  copyFileSync(synthesized, join(work, 'cdk.tf.json'))
  // The stack's variables are left unset: the provider falls back to the environment.
  const env = childEnv({
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    AWS_ENDPOINT_URL_ECS: server.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  })
  Reflect.deleteProperty(env, 'QUAYSIDE_PROVIDER_BACKEND')
  const terraform = (...args: string[]) => runIn(work, env, 'terraform', args)
  const ok = async (...args: string[]) => {
    const run = await terraform(...args, '-input=false', '-no-color')
    t.equal(run.code, 0, `terraform ${args.join(' ')}`, {
      stderr: run.stderr,
      stdout: run.stdout.slice(-3000),
    })
    return run
  }

  await ok('init')
  await ok('apply', '-auto-approve')
  const clusters = await ecs.describeClusters({ clusters: ['cdktf-example'], include: ['TAGS'] })
  t.match(clusters.clusters?.[0], {
    status: 'ACTIVE',
    tags: [{ key: 'project', value: 'quayside-cdktf-example' }],
  })
  const definition = await ecs.describeTaskDefinition({ taskDefinition: 'cdktf-example-web:1' })
  t.match(definition.taskDefinition, {
    status: 'ACTIVE',
    networkMode: 'bridge',
    containerDefinitions: [{ name: 'web', image: 'quayside/busybox:test' }],
  })
  const services = await ecs.describeServices({ cluster: 'cdktf-example', services: ['web'] })
  t.match(services.services?.[0], {
    status: 'ACTIVE',
    desiredCount: 1,
    taskDefinition: definition.taskDefinition?.taskDefinitionArn,
  })

  const plan = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color')
  t.equal(plan.code, 0, 'a second plan is empty', { stdout: plan.stdout, stderr: plan.stderr })

  await ok('destroy', '-auto-approve')
  const after = await ecs.describeClusters({ clusters: ['cdktf-example'] })
  t.equal(after.clusters?.[0]?.status, 'INACTIVE', 'destroy leaves no cluster')
  const active = await ecs.listTaskDefinitions({
    familyPrefix: 'cdktf-example-web',
    status: 'ACTIVE',
  })
  t.same(active.taskDefinitionArns, [], 'and no active task definition')
})
