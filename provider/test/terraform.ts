/**
 * With the real terraform binary (skipped with the reason when it is absent; CI requires it):
 * `terraform init` from a filesystem mirror laid by installProvider, validate, providers schema,
 * then the example configuration applied against the in-memory backend (persisted to a file, as
 * each terraform command starts its own provider processes): second plan empty, an in-place
 * update, a replacement, import, drift, destroy.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { withExternal } from '../../test/support/external.js'
import type { MemoryState } from '../src/backend/memory.js'
import { installProvider } from '../src/install.js'
import { childEnv } from './fixtures/plugin.js'
import { providerSchemasJson } from '../src/schema/json-format.js'

t.setTimeout(300_000)

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const example = fileURLToPath(new URL('../../examples/terraform/main.tf', import.meta.url))

interface Run {
  code: number
  stdout: string
  stderr: string
}

await withExternal(
  t,
  ['terraform'],
  'terraform init, validate, schema, apply, plan, import, destroy',
  async t => {
    t.ok(existsSync(entry), 'the provider is built (npm run build)')
    const dir = t.testdir({ work: {} })
    const work = join(dir, 'work')
    const stateFile = join(dir, 'backend.json')
    const installed = installProvider({
      mirror: join(dir, 'mirror'),
      version: '0.1.0',
      entry,
      node: process.execPath,
    })
    writeFileSync(join(dir, 'cli.tfrc'), installed.cliConfig)
    copyFileSync(example, join(work, 'main.tf'))
    const env = {
      ...childEnv(),
      TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      QUAYSIDE_PROVIDER_BACKEND: `memory:${stateFile}`,
    }
    const terraform = (...args: string[]): Promise<Run> =>
      new Promise(resolve => {
        execFile(
          'terraform',
          [...args],
          { cwd: work, env, timeout: 120_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
            resolve({ code, stdout, stderr })
          },
        )
      })
    const ok = async (...args: string[]): Promise<string> => {
      const run = await terraform(...args)
      t.equal(run.code, 0, `terraform ${args.join(' ')}`, {
        stderr: run.stderr,
        stdout: run.stdout.slice(-3000),
      })
      return run.stdout
    }
    const backend = (): MemoryState => JSON.parse(readFileSync(stateFile, 'utf8')) as MemoryState
    const vars = (values: Record<string, string | number>) => {
      writeFileSync(
        join(work, 'terraform.tfvars'),
        Object.entries(values)
          .map(([k, v]) => `${k} = ${JSON.stringify(v)}\n`)
          .join(''),
      )
    }

    await ok('init', '-input=false', '-no-color')
    const validate = JSON.parse(await ok('validate', '-json', '-no-color')) as { valid: boolean }
    t.equal(validate.valid, true)
    const schema = JSON.parse(await ok('providers', 'schema', '-json')) as ReturnType<
      typeof providerSchemasJson
    >
    const ours = schema.provider_schemas['registry.terraform.io/quayside/quayside']
    t.ok(ours, 'terraform sees the provider')
    t.same(Object.keys(ours?.resource_schemas ?? {}).sort(), [
      'quayside_account_setting_default',
      'quayside_cluster',
      'quayside_container_instance_attributes',
      'quayside_service',
      'quayside_task_definition',
    ])
    t.same(schema, providerSchemasJson(), 'providerSchemasJson prints what terraform prints')

    vars({ desired_count: 2, image: 'nginx:1' })
    await ok('apply', '-auto-approve', '-input=false', '-no-color')
    let state = backend()
    t.ok(state.clusters['example'], 'the cluster exists')
    t.equal(state.services['example/web']?.desiredCount, 2, 'the service exists')
    t.equal(
      state.services['example/web']?.taskDefinition,
      'arn:aws:ecs:us-east-1:000000000000:task-definition/example-web:1',
    )

    const again = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color')
    t.equal(again.code, 0, 'a second plan is empty', { stdout: again.stdout })

    vars({ desired_count: 3, image: 'nginx:1' })
    t.match(
      await ok('plan', '-input=false', '-no-color'),
      /0 to add, 1 to change, 0 to destroy/,
      'desired_count changes in place',
    )
    await ok('apply', '-auto-approve', '-input=false', '-no-color')
    t.equal(backend().services['example/web']?.desiredCount, 3)

    vars({ desired_count: 3, image: 'nginx:2' })
    t.match(
      await ok('plan', '-input=false', '-no-color'),
      /must be replaced/,
      'a container change replaces the task definition',
    )
    await ok('apply', '-auto-approve', '-input=false', '-no-color')
    state = backend()
    t.equal(
      state.services['example/web']?.taskDefinition,
      'arn:aws:ecs:us-east-1:000000000000:task-definition/example-web:2',
    )
    t.equal(
      state.taskDefinitions['arn:aws:ecs:us-east-1:000000000000:task-definition/example-web:1']
        ?.status,
      'INACTIVE',
    )

    await ok('state', 'rm', 'quayside_service.web')
    await ok('import', '-input=false', '-no-color', 'quayside_service.web', 'example/web')
    const afterImport = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color')
    t.equal(afterImport.code, 0, 'nothing to change after an import', {
      stdout: afterImport.stdout,
    })

    writeFileSync(stateFile, JSON.stringify({ ...backend(), services: {} }))
    t.match(
      await ok('plan', '-input=false', '-no-color'),
      /quayside_service\.web will be created/,
      'a service deleted behind terraform is planned again',
    )

    await ok('destroy', '-auto-approve', '-input=false', '-no-color')
    state = backend()
    t.same(state.clusters, {}, 'destroy leaves no cluster')
    t.same(state.services, {})
    t.same(
      Object.values(state.taskDefinitions).map(td => td.status),
      ['INACTIVE', 'INACTIVE'],
    )
  },
)
