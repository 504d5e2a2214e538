/**
 * Protocol tests: the real executable, started as terraform starts it, driven over gRPC + mTLS
 * through a whole resource lifecycle against the in-memory backend (QUAYSIDE_PROVIDER_BACKEND).
 */
import { credentials, makeClientConstructor } from '@grpc/grpc-js'
import { existsSync } from 'node:fs'
import t from 'tap'
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/protocol/handshake.js'
import { loadServices } from '../src/protocol/proto.js'
import { blockType } from '../src/schema/types.js'
import type { Schema } from '../src/schema/types.js'
import { schemas } from '../src/generated/schemas.js'
import { decodeMsgpack, encodeMsgpack } from '../src/values/msgpack.js'
import { UNKNOWN } from '../src/values/types.js'
import type { TfObject, TfValue } from '../src/values/types.js'
import { conform } from '../src/values/shape.js'
import {
  childEnv,
  clientIdentity,
  runToExit,
  startPlugin,
  terraformEnv,
} from './fixtures/plugin.js'

t.setTimeout(60_000)

const cluster = schemas.resources['quayside_cluster']!
const taskDefinition = schemas.resources['quayside_task_definition']!

const dv = (schema: Schema, value: TfValue) => ({
  msgpack: Buffer.from(encodeMsgpack(value, blockType(schema.block))),
})
const read = (schema: Schema, value: { msgpack: Buffer } | undefined) =>
  decodeMsgpack(value?.msgpack ?? Buffer.alloc(0), blockType(schema.block))
const obj = (schema: Schema, value: TfObject) => conform(schema.block, value)

interface Diagnostics {
  diagnostics: {
    severity: string
    summary: string
    detail: string
    attribute: { steps: Record<string, unknown>[] } | null
  }[]
}

t.test('run by hand (no magic cookie): a message on stderr, nothing on stdout, exit 1', async t => {
  const env = childEnv()
  Reflect.deleteProperty(env, MAGIC_COOKIE_KEY)
  const result = await runToExit(env)
  t.equal(result.code, 1)
  t.equal(result.stdout, '')
  t.match(result.stderr, /is a Terraform plugin/)
})

t.test('a terraform that only speaks protocol 5 is refused', async t => {
  const result = await runToExit({
    ...childEnv(),
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5',
  })
  t.equal(result.code, 1)
  t.equal(result.stdout, '')
  t.match(result.stderr, /protocol 6/)
})

t.test('handshake, health, schema, and Shutdown', async t => {
  const plugin = await startPlugin(t)
  const parts = plugin.handshake.split('|')
  t.equal(parts.length, 6, 'one line of six fields')
  t.same(parts.slice(0, 3), ['1', '6', 'unix'])
  t.equal(parts[4], 'grpc')
  t.notMatch(parts[5] ?? '', /=/, 'certificate without padding')
  t.ok(existsSync(plugin.socketPath), 'the socket exists')
  t.match(plugin.serverCertPem, /BEGIN CERTIFICATE/)

  t.same(await plugin.health('plugin'), { status: 'SERVING' })
  await t.rejects(plugin.health('other'), { code: 5 }, 'unknown health service is NOT_FOUND')

  const schema = await plugin.provider<{
    resource_schemas: Record<string, { block: { attributes: { name: string; type: Buffer }[] } }>
    data_source_schemas: Record<string, unknown>
    server_capabilities: { plan_destroy: boolean }
  }>('GetProviderSchema')
  t.same(Object.keys(schema.resource_schemas).sort(), [
    'quayside_account_setting_default',
    'quayside_cluster',
    'quayside_container_instance_attributes',
    'quayside_service',
    'quayside_task_definition',
  ])
  t.same(Object.keys(schema.data_source_schemas).sort(), [
    'quayside_cluster',
    'quayside_service',
    'quayside_task_definition',
  ])
  t.equal(schema.server_capabilities.plan_destroy, true)
  const tags = schema.resource_schemas['quayside_cluster']?.block.attributes.find(
    a => a.name === 'tags',
  )
  t.same(
    JSON.parse(tags?.type.toString() ?? 'null'),
    ['map', 'string'],
    'types travel as JSON bytes',
  )

  await t.rejects(
    plugin.provider('GetFunctions'),
    { code: 12 },
    'what is not served is Unimplemented',
  )

  await plugin.shutdown()
  t.equal(await plugin.exited, 0, 'Shutdown ends the process cleanly')
  t.notOk(existsSync(plugin.socketPath), 'and removes the socket')
  t.ok(
    plugin.stderr.some(
      line => (JSON.parse(line) as Record<string, unknown>)['@message'] === 'plugin started',
    ),
    'hclog JSON on stderr',
  )
  for (const line of plugin.stderr)
    t.match(JSON.parse(line), {
      '@level': String,
      '@message': String,
      '@timestamp': String,
      '@module': String,
    })
})

t.test('mTLS: a client with a certificate the plugin was not given is refused', async t => {
  const plugin = await startPlugin(t)
  const stranger = await clientIdentity()
  const Health = makeClientConstructor(loadServices().health, 'Health')
  const client = new Health(
    `unix://${plugin.socketPath}`,
    credentials.createSsl(
      Buffer.from(plugin.serverCertPem),
      Buffer.from(stranger.key),
      Buffer.from(stranger.cert),
    ),
    { 'grpc.ssl_target_name_override': 'localhost' },
  )
  t.teardown(() => {
    client.close()
  })
  const error = await new Promise<unknown>(resolve => {
    ;(
      client as unknown as { Check: (r: object, o: object, cb: (e: unknown) => void) => void }
    ).Check({ service: 'plugin' }, { deadline: Date.now() + 5000 }, e => {
      resolve(e)
    })
  })
  t.ok(error, 'the call fails')
  await plugin.shutdown()
})

t.test('SIGINT is ignored, SIGTERM exits and removes the socket', async t => {
  const plugin = await startPlugin(t)
  plugin.child.kill('SIGINT')
  await new Promise(resolve => setTimeout(resolve, 300))
  t.same(await plugin.health('plugin'), { status: 'SERVING' }, 'still serving after SIGINT')
  plugin.child.kill('SIGTERM')
  t.equal(await plugin.exited, 0)
  t.notOk(existsSync(plugin.socketPath))
})

t.test('a resource lifecycle as terraform drives it', async t => {
  const plugin = await startPlugin(t)
  const configure = await plugin.provider<Diagnostics>('ConfigureProvider', {
    terraform_version: '1.11.4',
    config: dv(
      schemas.provider,
      obj(schemas.provider, { endpoint: 'http://127.0.0.1:1', region: 'eu-west-1' }),
    ),
  })
  t.same(configure.diagnostics, [])

  const bad = await plugin.provider<Diagnostics>('ValidateResourceConfig', {
    type_name: 'quayside_cluster',
    config: dv(cluster, obj(cluster, { name: 'web', setting: [{ name: 'nope', value: 'x' }] })),
  })
  t.equal(bad.diagnostics.length, 1)
  t.same(
    bad.diagnostics[0]?.attribute?.steps,
    [
      { attribute_name: 'setting', selector: 'attribute_name' },
      { element_key_int: 0, selector: 'element_key_int' },
      { attribute_name: 'name', selector: 'attribute_name' },
    ],
    'the diagnostic names the attribute path',
  )

  const config = obj(cluster, { name: 'web', tags: { team: 'a' } })
  const plan = await plugin.provider<{
    planned_state: { msgpack: Buffer }
    requires_replace: unknown[]
  }>('PlanResourceChange', {
    type_name: 'quayside_cluster',
    prior_state: dv(cluster, null),
    proposed_new_state: dv(cluster, config),
    config: dv(cluster, config),
  })
  const planned = read(cluster, plan.planned_state) as TfObject
  t.equal(planned['arn'], UNKNOWN, 'computed values are unknown in a create plan')
  t.equal(planned['id'], UNKNOWN)
  t.equal(planned['name'], 'web')

  const apply = await plugin.provider<{ new_state: { msgpack: Buffer } } & Diagnostics>(
    'ApplyResourceChange',
    {
      type_name: 'quayside_cluster',
      prior_state: dv(cluster, null),
      planned_state: plan.planned_state,
      config: dv(cluster, config),
    },
  )
  t.same(apply.diagnostics, [])
  const state = read(cluster, apply.new_state) as TfObject
  t.equal(state['arn'], 'arn:aws:ecs:eu-west-1:000000000000:cluster/web')
  t.equal(state['id'], state['arn'])
  t.same(state['tags'], { team: 'a' })

  const refreshed = await plugin.provider<{ new_state: { msgpack: Buffer } }>('ReadResource', {
    type_name: 'quayside_cluster',
    current_state: apply.new_state,
  })
  t.same(read(cluster, refreshed.new_state), state, 'a refresh finds what apply made')

  const renamed = { ...state, name: 'web2' }
  const replace = await plugin.provider<{
    requires_replace: { steps: { attribute_name: string }[] }[]
    planned_state: { msgpack: Buffer }
  }>('PlanResourceChange', {
    type_name: 'quayside_cluster',
    prior_state: apply.new_state,
    proposed_new_state: dv(cluster, renamed),
    config: dv(cluster, { ...config, name: 'web2' }),
  })
  t.same(
    replace.requires_replace.map(p => p.steps.map(s => s.attribute_name)),
    [['name']],
  )
  t.equal(
    (read(cluster, replace.planned_state) as TfObject)['arn'],
    UNKNOWN,
    'a replacement has unknown computed values',
  )

  const imported = await plugin.provider<{
    imported_resources: { type_name: string; state: { msgpack: Buffer } }[]
  }>('ImportResourceState', {
    type_name: 'quayside_cluster',
    id: 'web',
  })
  t.equal(imported.imported_resources.length, 1)
  t.match(read(cluster, imported.imported_resources[0]?.state), {
    name: 'web',
    arn: state['arn'],
    tags: { team: 'a' },
  })

  const upgraded = await plugin.provider<{ upgraded_state: { msgpack: Buffer } } & Diagnostics>(
    'UpgradeResourceState',
    {
      type_name: 'quayside_cluster',
      version: 0,
      raw_state: { json: Buffer.from(JSON.stringify({ ...state, gone_attribute: 1 })) },
    },
  )
  t.same(upgraded.diagnostics, [])
  t.same(read(cluster, upgraded.upgraded_state), state, 'raw JSON state in, msgpack out')

  const data = await plugin.provider<{ state: { msgpack: Buffer } }>('ReadDataSource', {
    type_name: 'quayside_cluster',
    config: dv(
      schemas.dataSources['quayside_cluster']!,
      obj(schemas.dataSources['quayside_cluster']!, { cluster_name: 'web' }),
    ),
  })
  t.match(read(schemas.dataSources['quayside_cluster']!, data.state), {
    cluster_name: 'web',
    arn: state['arn'],
  })

  const destroyPlan = await plugin.provider<{ planned_state: { msgpack: Buffer } }>(
    'PlanResourceChange',
    {
      type_name: 'quayside_cluster',
      prior_state: apply.new_state,
      proposed_new_state: dv(cluster, null),
      config: dv(cluster, null),
    },
  )
  t.equal(read(cluster, destroyPlan.planned_state), null)
  const destroyed = await plugin.provider<{ new_state: { msgpack: Buffer } } & Diagnostics>(
    'ApplyResourceChange',
    {
      type_name: 'quayside_cluster',
      prior_state: apply.new_state,
      planned_state: destroyPlan.planned_state,
    },
  )
  t.same(destroyed.diagnostics, [])
  t.equal(read(cluster, destroyed.new_state), null)
  const gone = await plugin.provider<{ new_state: { msgpack: Buffer } }>('ReadResource', {
    type_name: 'quayside_cluster',
    current_state: apply.new_state,
  })
  t.equal(read(cluster, gone.new_state), null, 'a deleted resource reads as null')

  const td = obj(taskDefinition, {
    family: 'app',
    container_definitions: '[{"name":"app","image":"nginx"}]',
  })
  const tdPlan = await plugin.provider<{ planned_state: { msgpack: Buffer } }>(
    'PlanResourceChange',
    {
      type_name: 'quayside_task_definition',
      prior_state: dv(taskDefinition, null),
      proposed_new_state: dv(taskDefinition, td),
      config: dv(taskDefinition, td),
    },
  )
  t.equal((read(taskDefinition, tdPlan.planned_state) as TfObject)['revision'], UNKNOWN)

  t.same(await plugin.provider('StopProvider'), { Error: '' })
  await plugin.shutdown()
  t.equal(await plugin.exited, 0)
})

t.test('ConfigureProvider without the test backend asks for what is missing', async t => {
  const identity = await clientIdentity()
  t.ok(terraformEnv(identity.cert)['PLUGIN_CLIENT_CERT'])
  const plugin = await startPlugin(t, {
    QUAYSIDE_PROVIDER_BACKEND: '',
    AWS_ENDPOINT_URL_ECS: '',
    AWS_ENDPOINT_URL: '',
  })
  const configure = await plugin.provider<Diagnostics>('ConfigureProvider', {
    config: dv(schemas.provider, obj(schemas.provider, {})),
  })
  t.equal(configure.diagnostics.length, 1)
  t.same(
    configure.diagnostics[0]?.attribute?.steps.map(s => s['attribute_name']),
    ['endpoint'],
  )
  await plugin.shutdown()
})
