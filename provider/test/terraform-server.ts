/**
 * With the real terraform binary against a real quayside server (skipped with the reason when
 * terraform is absent; CI requires it): the server runs in this process on 127.0.0.1:0, terraform
 * starts the installed provider from a filesystem mirror laid for this test (a CLI config file of
 * its own), and examples/terraform is applied. The server is checked through the SDK after every
 * step: apply, empty second plan, in-place update, replacement, import, drift, destroy.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { withExternal } from '../../test/support/external.js'
import { installProvider } from '../src/install.js'
import { quaysideServer } from './fixtures/core.js'
import { childEnv } from './fixtures/plugin.js'

t.setTimeout(300_000)

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const example = fileURLToPath(new URL('../../examples/terraform/main.tf', import.meta.url))

interface Run {
  code: number
  stdout: string
  stderr: string
}

await withExternal(t, ['terraform'], 'terraform against a quayside server', async t => {
  t.ok(existsSync(entry), 'the provider is built (npm run build)')
  const { url, ecs } = await quaysideServer(t)
  const dir = t.testdir({ work: {} })
  const work = join(dir, 'work')
  const installed = installProvider({
    mirror: join(dir, 'mirror'),
    version: '0.1.0',
    entry,
    node: process.execPath,
  })
  writeFileSync(join(dir, 'cli.tfrc'), installed.cliConfig)
  writeFileSync(join(work, 'main.tf'), readFileSync(example, 'utf8'))
  const env = {
    ...childEnv(),
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  }
  // the real backend: whatever the caller's environment says about the test seam
  Reflect.deleteProperty(env, 'QUAYSIDE_PROVIDER_BACKEND')
  const terraform = (...args: string[]): Promise<Run> =>
    new Promise(resolve => {
      execFile('terraform', args, { cwd: work, env, timeout: 120_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      })
    })
  const ok = async (...args: string[]): Promise<string> => {
    const [command = '', ...rest] = args
    // options go between the command and its arguments; `state` subcommands take none of these
    const run = await terraform(
      command,
      ...(command === 'state' ? [] : ['-input=false', '-no-color']),
      ...rest,
    )
    t.equal(run.code, 0, `terraform ${args.join(' ')}`, {
      stderr: run.stderr,
      stdout: run.stdout.slice(-3000),
    })
    return run.stdout
  }
  const emptyPlan = async (message: string) => {
    const run = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color')
    t.equal(run.code, 0, message, { stdout: run.stdout, stderr: run.stderr })
  }
  const vars = (values: Record<string, string | number>) => {
    const all = { endpoint: url, ...values }
    writeFileSync(
      join(work, 'terraform.tfvars'),
      Object.entries(all)
        .map(([k, v]) => `${k} = ${JSON.stringify(v)}\n`)
        .join(''),
    )
  }
  const cluster = async () =>
    (await ecs.describeClusters({ clusters: ['example'], include: ['SETTINGS', 'TAGS'] }))
      .clusters?.[0]
  const revision = async (n: number) =>
    (await ecs.describeTaskDefinition({ taskDefinition: `example-web:${n}` })).taskDefinition

  await ok('init')
  vars({ image: 'nginx:1', desired_count: 2 })
  await ok('apply', '-auto-approve')
  t.match(await cluster(), {
    status: 'ACTIVE',
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    tags: [{ key: 'project', value: 'quayside-example' }],
  })
  t.match(await revision(1), {
    status: 'ACTIVE',
    memory: '256',
    containerDefinitions: [{ name: 'web', image: 'nginx:1' }],
  })
  const created = await ecs.describeServices({ cluster: 'example', services: ['web'] })
  t.match(created.services?.[0], { status: 'ACTIVE', desiredCount: 2 })
  await emptyPlan('a second plan is empty')

  vars({ image: 'nginx:1', desired_count: 3, container_insights: 'enabled' })
  t.match(await ok('plan'), /0 to add, \d to change, 0 to destroy/, 'an in-place update')
  await ok('apply', '-auto-approve')
  t.match(await cluster(), { settings: [{ name: 'containerInsights', value: 'enabled' }] })
  const updated = await ecs.describeServices({ cluster: 'example', services: ['web'] })
  t.equal(updated.services?.[0]?.desiredCount, 3)
  await emptyPlan('and then nothing left to do')

  vars({ image: 'nginx:2', desired_count: 3, container_insights: 'enabled' })
  t.match(
    await ok('plan'),
    /quayside_task_definition\.web must be replaced/,
    'a container change replaces the task definition',
  )
  await ok('apply', '-auto-approve')
  t.match(await revision(2), { status: 'ACTIVE', containerDefinitions: [{ image: 'nginx:2' }] })
  t.equal((await revision(1))?.status, 'INACTIVE', 'the old revision is deregistered')
  await emptyPlan('nothing to do after the replacement')

  await ok('state', 'rm', 'quayside_cluster.main', 'quayside_task_definition.web')
  await ok('import', 'quayside_cluster.main', 'example')
  await ok(
    'import',
    'quayside_task_definition.web',
    'arn:aws:ecs:us-east-1:000000000000:task-definition/example-web:2',
  )
  await ok('state', 'rm', 'quayside_service.web')
  await ok('import', 'quayside_service.web', 'example/web')
  await emptyPlan('nothing to change after terraform import')

  await ecs.deregisterTaskDefinition({ taskDefinition: 'example-web:2' })
  t.match(
    await ok('plan'),
    /quayside_task_definition\.web will be created/,
    'a resource deleted behind terraform is planned for re-creation',
  )
  await ok('apply', '-auto-approve')
  await emptyPlan('the re-created resource is in step')

  await ok('destroy', '-auto-approve')
  t.equal((await cluster())?.status, 'INACTIVE', 'destroy leaves no cluster')
  const families = await ecs.listTaskDefinitions({ familyPrefix: 'example-web', status: 'ACTIVE' })
  t.same(families.taskDefinitionArns, [], 'and no active task definition')
  // the cluster is gone too, and with it every service of it
  const found = await ecs
    .describeServices({ cluster: 'example', services: ['web'] })
    .catch((error: unknown) => {
      t.match(error, { name: 'ClusterNotFoundException' })
      return { services: [] }
    })
  t.not(found.services?.[0]?.status, 'ACTIVE', 'and no service')
})
