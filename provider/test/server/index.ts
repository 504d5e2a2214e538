/**
 * The RPC handlers called directly (no gRPC), against the in-memory backend: what each resource
 * type does through plan, apply, read, import and the data sources, and every diagnostic path.
 */
import t from 'tap'
import { createMemoryBackends } from '../../src/backend/memory.js'
import type { BackendFactory } from '../../src/backend/types.js'
import { schemas } from '../../src/generated/schemas.js'
import { createLogger } from '../../src/log.js'
import type { DiagnosticMsg, DynamicValueMsg, ProviderRpcs } from '../../src/protocol/messages.js'
import type { Schema } from '../../src/schema/types.js'
import { blockType } from '../../src/schema/types.js'
import { createProviderRpcs } from '../../src/server/index.js'
import { decodeMsgpack, encodeMsgpack } from '../../src/values/msgpack.js'
import { conform } from '../../src/values/shape.js'
import { UNKNOWN } from '../../src/values/types.js'
import type { TfObject, TfValue } from '../../src/values/types.js'

const logs: string[] = []
const log = createLogger({ level: 'trace', write: line => logs.push(line) })

function setup(factory?: BackendFactory): ProviderRpcs {
  const memory = createMemoryBackends('us-east-1')
  return createProviderRpcs({ factory: factory ?? (() => memory), log, env: {} })
}

const resource = (name: string) => schemas.resources[name]!
const data = (name: string) => schemas.dataSources[name]!
const dv = (schema: Schema, value: TfValue): DynamicValueMsg => ({
  msgpack: encodeMsgpack(value, blockType(schema.block)),
})
const val = (schema: Schema, value: DynamicValueMsg | undefined) =>
  decodeMsgpack(value?.msgpack ?? new Uint8Array(), blockType(schema.block))
const summaries = (diagnostics: DiagnosticMsg[]) =>
  diagnostics.map(d => `${d.summary}: ${d.detail}`)

/** Plans and applies a create, as terraform does; returns the new state. */
async function create(rpcs: ProviderRpcs, type: string, config: TfObject): Promise<TfObject> {
  const schema = resource(type)
  const full = conform(schema.block, config)
  const plan = await rpcs.PlanResourceChange({
    type_name: type,
    prior_state: dv(schema, null),
    proposed_new_state: dv(schema, full),
    config: dv(schema, full),
  })
  const apply = await rpcs.ApplyResourceChange({
    type_name: type,
    prior_state: dv(schema, null),
    planned_state: plan.planned_state ?? null,
    config: dv(schema, full),
  })
  if (apply.diagnostics.length > 0) throw new Error(summaries(apply.diagnostics).join('\n'))
  return val(schema, apply.new_state) as TfObject
}

/** Plans and applies an update from `prior` to `config`; returns the plan and the outcome. */
async function update(rpcs: ProviderRpcs, type: string, prior: TfObject, config: TfObject) {
  const schema = resource(type)
  const proposed = conform(schema.block, { ...prior, ...config })
  const plan = await rpcs.PlanResourceChange({
    type_name: type,
    prior_state: dv(schema, prior),
    proposed_new_state: dv(schema, proposed),
    config: dv(schema, proposed),
  })
  const apply = await rpcs.ApplyResourceChange({
    type_name: type,
    prior_state: dv(schema, prior),
    planned_state: plan.planned_state ?? null,
  })
  return { plan, apply, state: val(schema, apply.new_state) as TfObject | null }
}

t.test('schema and metadata', async t => {
  const rpcs = setup()
  const schema = await rpcs.GetProviderSchema({})
  t.same(schema.diagnostics, [])
  t.match(
    schema.resource_schemas['quayside_service']?.block.block_types.find(
      b => b.type_name === 'ordered_placement_strategy',
    ),
    { nesting: 'LIST', max_items: 5 },
  )
  const metadata = await rpcs.GetMetadata({})
  t.same(metadata.resources.map(r => r.type_name).sort(), Object.keys(schemas.resources).sort())
  t.same(metadata.data_sources.length, 3)
})

t.test('validation names the attribute', async t => {
  const rpcs = setup()
  const td = resource('quayside_task_definition')
  const bad = await rpcs.ValidateResourceConfig({
    type_name: 'quayside_task_definition',
    config: dv(
      td,
      conform(td.block, {
        family: 'f',
        container_definitions: '{"not":"a list"}',
        network_mode: 'moon',
        requires_compatibilities: ['EC2', 'MARS'],
        placement_constraints: Array.from({ length: 11 }, () => ({
          type: 'memberOf',
          expression: null,
        })),
      }),
    ),
  })
  t.same(
    bad.diagnostics.map(d => d.attribute?.steps),
    [
      [{ attribute_name: 'container_definitions' }],
      [{ attribute_name: 'network_mode' }],
      [{ attribute_name: 'requires_compatibilities' }, { element_key_int: 1 }],
      [{ attribute_name: 'placement_constraints' }],
    ],
  )
  const broken = await rpcs.ValidateResourceConfig({
    type_name: 'quayside_task_definition',
    config: dv(td, conform(td.block, { family: 'f', container_definitions: '[' })),
  })
  t.match(summaries(broken.diagnostics), [/Invalid JSON/])
  const svc = resource('quayside_service')
  const limits = await rpcs.ValidateResourceConfig({
    type_name: 'quayside_service',
    config: dv(
      svc,
      conform(svc.block, {
        name: 'x'.repeat(300),
        deployment_circuit_breaker: { enable: UNKNOWN, rollback: true },
        tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      }),
    ),
  })
  t.same(
    limits.diagnostics.map(d => d.summary),
    ['Too many items'],
  )
  const clusterData = data('quayside_cluster')
  t.same(
    (
      await rpcs.ValidateDataResourceConfig({
        type_name: 'quayside_cluster',
        config: dv(clusterData, conform(clusterData.block, { cluster_name: 'x' })),
      })
    ).diagnostics,
    [],
  )
  t.match(
    summaries((await rpcs.ValidateDataResourceConfig({ type_name: 'quayside_nope' })).diagnostics),
    [/unknown data source type "quayside_nope"/],
  )
  t.match(
    summaries((await rpcs.ValidateResourceConfig({ type_name: 'quayside_nope' })).diagnostics),
    [/unknown resource type/],
  )
  const provider = schemas.provider
  const endpoint = await rpcs.ValidateProviderConfig({
    config: dv(provider, conform(provider.block, { endpoint: 'localhost:1' })),
  })
  t.same(endpoint.diagnostics[0]?.attribute?.steps, [{ attribute_name: 'endpoint' }])
  t.same(
    (
      await rpcs.ValidateProviderConfig({
        config: dv(provider, conform(provider.block, { endpoint: 'http://h:1' })),
      })
    ).diagnostics,
    [],
  )
  t.match(
    summaries(
      (await rpcs.ValidateProviderConfig({ config: { msgpack: Buffer.from('01', 'hex') } }))
        .diagnostics,
    ),
    [/Invalid provider configuration/],
  )
})

t.test('operations before ConfigureProvider, and a failing configuration', async t => {
  const rpcs = setup(() => {
    throw new Error('boom')
  })
  const cluster = resource('quayside_cluster')
  const read = await rpcs.ReadResource({
    type_name: 'quayside_cluster',
    current_state: dv(cluster, conform(cluster.block, { name: 'x' })),
  })
  t.match(summaries(read.diagnostics), [/not configured/])
  const configure = await rpcs.ConfigureProvider({
    config: dv(schemas.provider, conform(schemas.provider.block, {})),
  })
  t.match(summaries(configure.diagnostics), [/Unexpected error in the provider: boom/])
})

t.test(
  'ConfigureProvider reads attributes, then AWS variables, then defaults; re-entrant',
  async t => {
    const seen: unknown[] = []
    const memory = createMemoryBackends('us-east-1')
    const env = {
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'AK',
      AWS_SECRET_ACCESS_KEY: 'SK',
      AWS_SESSION_TOKEN: 'ST',
      AWS_ENDPOINT_URL: 'http://env:1',
    }
    const rpcs = createProviderRpcs({ factory: config => (seen.push(config), memory), log, env })
    const provider = schemas.provider
    await rpcs.ConfigureProvider({
      config: dv(provider, conform(provider.block, { endpoint: 'http://attr:1', access_key: '' })),
    })
    await rpcs.ConfigureProvider({
      config: dv(provider, conform(provider.block, { region: 'ap-east-1' })),
    })
    t.same(seen, [
      {
        endpoint: 'http://attr:1',
        region: 'eu-north-1',
        accessKey: 'AK',
        secretKey: 'SK',
        sessionToken: 'ST',
      },
      {
        endpoint: 'http://env:1',
        region: 'ap-east-1',
        accessKey: 'AK',
        secretKey: 'SK',
        sessionToken: 'ST',
      },
    ])
    await rpcs.ConfigureProvider({
      config: dv(provider, conform(provider.block, { access_key: 'A2', secret_key: 'S2' })),
    })
    t.match(
      seen[2],
      { accessKey: 'A2', secretKey: 'S2', sessionToken: undefined },
      "keys written in the configuration never take the environment's session token",
    )
    const bare = createProviderRpcs({ factory: config => (seen.push(config), memory), log })
    await bare.ConfigureProvider({})
    t.match(seen[3], { region: String })
  },
)

t.test(
  'service: in place, replacement, references kept as written, import by cluster/name',
  async t => {
    const rpcs = setup()
    await rpcs.ConfigureProvider({})
    const cluster = await create(rpcs, 'quayside_cluster', { name: 'main' })
    const td = await create(rpcs, 'quayside_task_definition', {
      family: 'web',
      container_definitions: '[{"name":"web","image":"nginx"}]',
    })
    t.equal(td['arn_without_revision'], 'arn:aws:ecs:us-east-1:000000000000:task-definition/web')
    t.equal(td['id'], 'web')
    t.equal(td['network_mode'], 'bridge', 'computed values come from the API')
    const svc = resource('quayside_service')
    const created = await create(rpcs, 'quayside_service', {
      name: 'api',
      cluster: 'main',
      task_definition: 'web:1',
      desired_count: UNKNOWN,
    })
    t.match(created, {
      cluster: 'main',
      task_definition: 'web:1',
      desired_count: 0,
      deployment_maximum_percent: 200,
      scheduling_strategy: 'REPLICA',
      arn: 'arn:aws:ecs:us-east-1:000000000000:service/main/api',
    })

    const read = await rpcs.ReadResource({
      type_name: 'quayside_service',
      current_state: dv(svc, created),
    })
    t.same(
      val(svc, read.new_state),
      created,
      'the API answers with ARNs; the written names are kept',
    )

    const scaled = await update(rpcs, 'quayside_service', created, { desired_count: 3 })
    t.same(scaled.plan.requires_replace, [])
    t.equal(
      (val(svc, scaled.plan.planned_state) as TfObject)['arn'],
      created['arn'],
      'an in-place update keeps computed values',
    )
    t.equal(scaled.state?.['desired_count'], 3)

    const moved = await update(rpcs, 'quayside_service', scaled.state!, { launch_type: 'EXTERNAL' })
    t.same(
      moved.plan.requires_replace.map(p => p.steps),
      [[{ attribute_name: 'launch_type' }]],
    )

    const imported = await rpcs.ImportResourceState({
      type_name: 'quayside_service',
      id: 'main/api',
    })
    t.match(val(svc, imported.imported_resources[0]?.state), {
      name: 'api',
      cluster: cluster['arn'],
      desired_count: 3,
    })
    const byArn = await rpcs.ImportResourceState({
      type_name: 'quayside_service',
      id: created['arn'] as string,
    })
    t.equal(byArn.imported_resources.length, 1)
    t.match(
      summaries(
        (await rpcs.ImportResourceState({ type_name: 'quayside_service', id: 'api' })).diagnostics,
      ),
      [/expected <cluster>\/<service>/],
    )
    t.match(
      summaries(
        (await rpcs.ImportResourceState({ type_name: 'quayside_service', id: 'main/none' }))
          .diagnostics,
      ),
      [/non-existent/],
    )

    const serviceData = data('quayside_service')
    const found = await rpcs.ReadDataSource({
      type_name: 'quayside_service',
      config: dv(
        serviceData,
        conform(serviceData.block, { service_name: 'api', cluster_arn: 'main' }),
      ),
    })
    t.match(val(serviceData, found.state), {
      cluster_arn: 'main',
      service_name: 'api',
      desired_count: 3,
      id: created['arn'],
    })
    const missing = await rpcs.ReadDataSource({
      type_name: 'quayside_service',
      config: dv(
        serviceData,
        conform(serviceData.block, { service_name: 'none', cluster_arn: 'main' }),
      ),
    })
    t.match(summaries(missing.diagnostics), [/ServiceNotFoundException/])

    const tdData = data('quayside_task_definition')
    const latest = await rpcs.ReadDataSource({
      type_name: 'quayside_task_definition',
      config: dv(tdData, conform(tdData.block, { task_definition: 'web' })),
    })
    t.match(val(tdData, latest.state), {
      revision: 1,
      family: 'web',
      arn_without_revision: td['arn_without_revision'],
    })
    t.match(
      summaries(
        (
          await rpcs.ReadDataSource({
            type_name: 'quayside_task_definition',
            config: dv(tdData, conform(tdData.block, { task_definition: 'none' })),
          })
        ).diagnostics,
      ),
      [/ClientException/],
    )
    const clusterData = data('quayside_cluster')
    t.match(
      summaries(
        (
          await rpcs.ReadDataSource({
            type_name: 'quayside_cluster',
            config: dv(clusterData, conform(clusterData.block, { cluster_name: 'none' })),
          })
        ).diagnostics,
      ),
      [/ClusterNotFoundException/],
    )

    const refused = await rpcs.ApplyResourceChange({
      type_name: 'quayside_cluster',
      prior_state: dv(resource('quayside_cluster'), cluster),
      planned_state: dv(resource('quayside_cluster'), null),
    })
    t.match(summaries(refused.diagnostics), [/ClusterContainsServicesException/])
    t.same(
      val(resource('quayside_cluster'), refused.new_state),
      cluster,
      'a failed apply keeps the prior state',
    )
  },
)

t.test('task definitions cannot change in place', async t => {
  const rpcs = setup()
  await rpcs.ConfigureProvider({})
  const td = await create(rpcs, 'quayside_task_definition', {
    family: 'web',
    container_definitions: '[]',
  })
  const changed = await update(rpcs, 'quayside_task_definition', td, { cpu: '256' })
  t.same(
    changed.plan.requires_replace.map(p => p.steps),
    [[{ attribute_name: 'cpu' }]],
  )
  t.match(summaries(changed.apply.diagnostics), [/can only be replaced/])
  const imported = await rpcs.ImportResourceState({
    type_name: 'quayside_task_definition',
    id: td['arn'] as string,
  })
  t.match(val(resource('quayside_task_definition'), imported.imported_resources[0]?.state), {
    family: 'web',
    revision: 1,
  })
})

t.test('container instance attributes and account setting defaults', async t => {
  const rpcs = setup()
  await rpcs.ConfigureProvider({})
  await create(rpcs, 'quayside_cluster', { name: 'c' })
  const attrs = await create(rpcs, 'quayside_container_instance_attributes', {
    cluster: 'c',
    container_instance: 'i-1',
    attributes: { stack: 'prod', flag: '' },
  })
  t.match(attrs, { id: 'c/i-1', attributes: { stack: 'prod', flag: '' } })
  const changed = await update(rpcs, 'quayside_container_instance_attributes', attrs, {
    attributes: { stack: 'dev' },
  })
  t.same(changed.state?.['attributes'], { stack: 'dev' })
  const imported = await rpcs.ImportResourceState({
    type_name: 'quayside_container_instance_attributes',
    id: 'c/i-1',
  })
  t.match(
    val(resource('quayside_container_instance_attributes'), imported.imported_resources[0]?.state),
    { cluster: 'c', container_instance: 'i-1' },
  )
  t.match(
    summaries(
      (
        await rpcs.ImportResourceState({
          type_name: 'quayside_container_instance_attributes',
          id: 'c',
        })
      ).diagnostics,
    ),
    [/expected <cluster>\/<container instance id>/],
  )
  const removed = await rpcs.ApplyResourceChange({
    type_name: 'quayside_container_instance_attributes',
    prior_state: dv(resource('quayside_container_instance_attributes'), changed.state),
    planned_state: dv(resource('quayside_container_instance_attributes'), null),
  })
  t.equal(val(resource('quayside_container_instance_attributes'), removed.new_state), null)

  const setting = await create(rpcs, 'quayside_account_setting_default', {
    name: 'containerInsights',
    value: 'enabled',
  })
  t.match(setting, { id: 'containerInsights', principal_arn: 'arn:aws:iam::000000000000:root' })
  const flipped = await update(rpcs, 'quayside_account_setting_default', setting, {
    value: 'disabled',
  })
  t.equal(flipped.state?.['value'], 'disabled')
  const imported2 = await rpcs.ImportResourceState({
    type_name: 'quayside_account_setting_default',
    id: 'containerInsights',
  })
  t.match(
    val(resource('quayside_account_setting_default'), imported2.imported_resources[0]?.state),
    { value: 'disabled' },
  )
  const gone = await rpcs.ApplyResourceChange({
    type_name: 'quayside_account_setting_default',
    prior_state: dv(resource('quayside_account_setting_default'), flipped.state),
    planned_state: dv(resource('quayside_account_setting_default'), null),
  })
  t.same(gone.diagnostics, [])
})

t.test('unknown types, bad values, upgrade edge cases, stop', async t => {
  const rpcs = setup()
  await rpcs.ConfigureProvider({})
  t.match(summaries((await rpcs.PlanResourceChange({ type_name: 'quayside_nope' })).diagnostics), [
    /unknown resource type/,
  ])
  t.match(summaries((await rpcs.ApplyResourceChange({ type_name: 'quayside_nope' })).diagnostics), [
    /unknown resource type/,
  ])
  t.match(
    summaries(
      (await rpcs.ImportResourceState({ type_name: 'quayside_nope', id: 'x' })).diagnostics,
    ),
    [/unknown resource type/],
  )
  const cluster = resource('quayside_cluster')
  const empty = await rpcs.ReadResource({
    type_name: 'quayside_cluster',
    current_state: dv(cluster, null),
  })
  t.equal(val(cluster, empty.new_state), null, 'nothing to read for a null state')
  const badJson = await rpcs.ApplyResourceChange({
    type_name: 'quayside_task_definition',
    prior_state: dv(resource('quayside_task_definition'), null),
    planned_state: dv(
      resource('quayside_task_definition'),
      conform(resource('quayside_task_definition').block, {
        family: 'f',
        container_definitions: '[',
      }),
    ),
  })
  t.same(badJson.diagnostics[0]?.attribute?.steps, [{ attribute_name: 'container_definitions' }])
  t.match(
    summaries(
      (
        await rpcs.UpgradeResourceState({
          type_name: 'quayside_cluster',
          version: 0,
          raw_state: { flatmap: { a: 'b' } },
        })
      ).diagnostics,
    ),
    [/Only JSON states/],
  )
  t.match(
    summaries(
      (
        await rpcs.UpgradeResourceState({
          type_name: 'quayside_cluster',
          version: 9,
          raw_state: { json: Buffer.from('{}') },
        })
      ).diagnostics,
    ),
    [/newer than/],
  )
  t.match(
    summaries(
      (
        await rpcs.UpgradeResourceState({
          type_name: 'quayside_cluster',
          version: 0,
          raw_state: { json: Buffer.from('{"name":1}') },
        })
      ).diagnostics,
    ),
    [/expected a string/],
  )
  t.match(
    summaries(
      (await rpcs.UpgradeResourceState({ type_name: 'quayside_nope', version: 0 })).diagnostics,
    ),
    [/unknown resource type/],
  )
  const nullState = await rpcs.UpgradeResourceState({
    type_name: 'quayside_cluster',
    version: 0,
    raw_state: { json: Buffer.from('null') },
  })
  t.equal(val(cluster, nullState.upgraded_state), null)
  t.same(await rpcs.StopProvider({}), { Error: '' })
  t.ok(logs.some(line => line.includes('StopProvider')))
})
