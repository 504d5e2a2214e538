/**
 * The SDK-backed backend end to end: the real provider executable, driven over gRPC + mTLS as
 * terraform drives it, against a quayside server started in this process on 127.0.0.1:0. Each
 * resource goes through apply, read, a second (empty) plan, update or replace, import, drift and
 * destroy, with the server checked through the SDK after each step.
 */
import type { ECS } from '@quayside/sdk'
import t from 'tap'
import type { Test } from 'tap'
import { text } from '../../src/resources/types.js'
import type { TfObject } from '../../src/values/types.js'
import { core, DiagnosticsError, quaysideServer } from '../fixtures/core.js'
import { startPlugin } from '../fixtures/plugin.js'

t.setTimeout(120_000)

/** A provider process configured against a fresh server. */
async function setup(t: Test) {
  const { url, ecs } = await quaysideServer(t)
  // an empty value switches the memory test seam off: the real backend
  const plugin = await startPlugin(t, { QUAYSIDE_PROVIDER_BACKEND: '' })
  const tf = core(plugin)
  const diagnostics = await tf.configure({
    endpoint: url,
    region: 'us-east-1',
    access_key: 'test',
    secret_key: 'test',
  })
  t.same(diagnostics, [], 'ConfigureProvider accepts the server')
  t.teardown(() => plugin.shutdown().catch(() => undefined))
  return { ecs, tf, url }
}

/** The diagnostics a step failed with (none when it succeeded). */
const failure = (step: Promise<unknown>) =>
  step.then(
    () => [],
    (error: unknown) => (error instanceof DiagnosticsError ? error.diagnostics : [error]),
  )

const must = (state: TfObject | null): TfObject => {
  if (!state) throw new Error('expected a state')
  return state
}

t.test('ConfigureProvider without an endpoint names the attribute', async t => {
  const plugin = await startPlugin(t, {
    QUAYSIDE_PROVIDER_BACKEND: '',
    AWS_ENDPOINT_URL: '',
    AWS_ENDPOINT_URL_ECS: '',
  })
  const diagnostics = await core(plugin).configure({ region: 'us-east-1' })
  t.match(diagnostics, [
    { severity: 'ERROR', attribute: { steps: [{ attribute_name: 'endpoint' }] } },
  ])
  await plugin.shutdown()
})

t.test('quayside_cluster', async t => {
  const { ecs, tf } = await setup(t)
  const type = 'quayside_cluster'
  const config = {
    name: 'web',
    setting: [{ name: 'containerInsights', value: 'enabled' }],
    tags: { team: 'a' },
  }
  let state = must(await tf.apply(type, null, config))
  const described = await ecs.describeClusters({ clusters: ['web'], include: ['TAGS', 'SETTINGS'] })
  t.match(described.clusters?.[0], {
    status: 'ACTIVE',
    tags: [{ key: 'team', value: 'a' }],
    settings: [{ name: 'containerInsights', value: 'enabled' }],
  })
  t.equal(state['arn'], described.clusters?.[0]?.clusterArn)
  t.same(await tf.refresh(type, state), state, 'a refresh reads what apply made')
  t.ok(await tf.planIsEmpty(type, state, config), 'a second plan is empty')

  const retagged = { ...config, tags: { team: 'b', tier: 'web' }, setting: [] }
  t.same((await tf.plan(type, state, retagged)).replace, [], 'tags and settings change in place')
  state = must(await tf.apply(type, state, retagged))
  const after = await ecs.describeClusters({ clusters: ['web'], include: ['TAGS', 'SETTINGS'] })
  t.same(
    [...(after.clusters?.[0]?.tags ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')),
    [
      { key: 'team', value: 'b' },
      { key: 'tier', value: 'web' },
    ],
  )
  t.ok(await tf.planIsEmpty(type, must(await tf.refresh(type, state)), retagged))

  for (const id of ['web', text(state, 'arn')]) {
    const imported = await tf.importState(type, id)
    t.same(imported.diagnostics, [], `import by ${id}`)
    t.ok(await tf.planIsEmpty(type, must(imported.state), retagged), 'nothing to do after import')
  }
  const missing = await tf.importState(type, 'nope')
  t.match(missing.diagnostics, [{ summary: /non-existent/ }])

  const renamed = { ...retagged, name: 'web2' }
  t.same((await tf.plan(type, state, renamed)).replace, ['name'], 'a new name replaces')
  state = must(await tf.apply(type, state, renamed))
  const both = await ecs.describeClusters({ clusters: ['web', 'web2'] })
  t.same(
    both.clusters?.map(c => c.status),
    ['INACTIVE', 'ACTIVE'],
    'the old cluster is gone, the new one is there',
  )

  await ecs.deleteCluster({ cluster: 'web2' })
  t.equal(await tf.refresh(type, state), null, 'a cluster deleted behind terraform reads as gone')
  state = must(await tf.apply(type, null, renamed))
  t.equal(await tf.apply(type, state, null), null, 'destroy')
  const left = await ecs.describeClusters({ clusters: ['web2'] })
  t.equal(left.clusters?.[0]?.status, 'INACTIVE', 'destroy leaves nothing active')

  t.match(
    await failure(tf.apply(type, null, { name: 'bad name!' })),
    [
      {
        summary: /InvalidParameterException/,
        attribute: { steps: [{ attribute_name: 'name' }] },
      },
    ],
    'a refused create is a diagnostic on the attribute the message names',
  )
})

t.test('quayside_task_definition', async t => {
  const { ecs, tf } = await setup(t)
  const type = 'quayside_task_definition'
  const definitions = (image: string) =>
    JSON.stringify([
      {
        essential: true,
        image,
        memory: 128,
        name: 'web',
        portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
      },
    ])
  const config = {
    family: 'web',
    network_mode: 'bridge',
    memory: '256',
    container_definitions: definitions('nginx:1'),
    placement_constraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
    tags: { app: 'web' },
  }
  let state = must(await tf.apply(type, null, config))
  t.equal(state['revision'], 1)
  t.equal(state['container_definitions'], config.container_definitions, 'the JSON as written')
  const first = await ecs.describeTaskDefinition({ taskDefinition: 'web:1', include: ['TAGS'] })
  t.match(first.taskDefinition, { status: 'ACTIVE', containerDefinitions: [{ cpu: 0 }] })
  t.same(first.tags, [{ key: 'app', value: 'web' }])
  const refreshed = must(await tf.refresh(type, state))
  t.same(refreshed, state, 'server-filled defaults (cpu 0, empty lists) are not drift')
  t.ok(await tf.planIsEmpty(type, refreshed, config), 'a second plan is empty')

  const written = { ...config, container_definitions: definitions('nginx:2') }
  t.same((await tf.plan(type, state, written)).replace, ['container_definitions'])
  state = must(await tf.apply(type, state, written))
  t.equal(state['revision'], 2, 'a change registers a new revision')
  const old = await ecs.describeTaskDefinition({ taskDefinition: 'web:1' })
  t.equal(old.taskDefinition?.status, 'INACTIVE', 'and deregisters the old one')

  const imported = await tf.importState(type, text(state, 'arn'))
  t.same(imported.diagnostics, [])
  t.ok(await tf.planIsEmpty(type, must(imported.state), written), 'nothing to do after import')
  const byRevision = await tf.importState(type, 'web:2')
  t.equal(byRevision.state?.['arn'], state['arn'], 'import by family:revision')

  // written in ECS's own spelling, defaults and all: the same task definition, so no replacement
  const spelled = {
    ...written,
    container_definitions: JSON.stringify([
      {
        name: 'web',
        image: 'nginx:2',
        memory: 128,
        cpu: 0,
        essential: true,
        environment: [],
        portMappings: [{ containerPort: 80 }],
        mountPoints: [],
      },
    ]),
  }
  const respelled = await tf.plan(type, state, spelled)
  t.same(respelled.replace, [], 'ECS defaults written out are no change')
  const kept = must(await tf.apply(type, state, spelled))
  t.equal(kept['arn'], state['arn'], 'and apply registers nothing')

  await ecs.deregisterTaskDefinition({ taskDefinition: 'web:2' })
  t.equal(await tf.refresh(type, kept), null, 'a revision deregistered behind terraform is gone')
  state = must(await tf.apply(type, null, written))
  t.equal(state['revision'], 3)
  t.equal(await tf.apply(type, state, null), null, 'destroy')
  const last = await ecs.describeTaskDefinition({ taskDefinition: 'web:3' })
  t.equal(last.taskDefinition?.status, 'INACTIVE', 'destroy deregisters')

  const bad = await failure(tf.apply(type, null, { family: 'web', container_definitions: '[{}]' }))
  t.match(
    bad,
    [{ severity: 'ERROR', attribute: { steps: [{ attribute_name: 'container_definitions' }] } }],
    'a refused registration is a diagnostic on container_definitions',
  )
})

async function containerInstance(ecs: ECS, cluster: string): Promise<string> {
  await ecs.createCluster({ clusterName: cluster })
  const registered = await ecs.registerContainerInstance({
    cluster,
    instanceIdentityDocument: JSON.stringify({
      instanceId: 'i-0123456789',
      availabilityZone: 'us-east-1a',
      instanceType: 't3.micro',
      imageId: 'ami-1',
      region: 'us-east-1',
    }),
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
    ],
    attributes: [{ name: 'ecs.os-type', value: 'linux' }],
  })
  return registered.containerInstance?.containerInstanceArn?.split('/').pop() ?? ''
}

t.test('quayside_container_instance_attributes', async t => {
  const { ecs, tf } = await setup(t)
  const type = 'quayside_container_instance_attributes'
  const id = await containerInstance(ecs, 'pool')
  const custom = async () => {
    const found = await ecs.describeContainerInstances({
      cluster: 'pool',
      containerInstances: [id],
    })
    return (found.containerInstances?.[0]?.attributes ?? [])
      .filter(a => !a.name.startsWith('ecs.'))
      .sort((a, b) => a.name.localeCompare(b.name))
  }
  const config = { cluster: 'pool', container_instance: id, attributes: { team: 'web', gpu: '' } }
  let state = must(await tf.apply(type, null, config))
  t.same(await custom(), [{ name: 'gpu' }, { name: 'team', value: 'web' }])
  t.ok(await tf.planIsEmpty(type, must(await tf.refresh(type, state)), config))

  const changed = { ...config, attributes: { team: 'api' } }
  t.same((await tf.plan(type, state, changed)).replace, [], 'attributes change in place')
  state = must(await tf.apply(type, state, changed))
  t.same(await custom(), [{ name: 'team', value: 'api' }], 'exactly the configured ones')

  const imported = await tf.importState(type, `pool/${id}`)
  t.same(imported.diagnostics, [])
  t.ok(await tf.planIsEmpty(type, must(imported.state), changed), 'nothing to do after import')

  await ecs.deleteAttributes({ cluster: 'pool', attributes: [{ name: 'team', targetId: id }] })
  t.equal(await tf.refresh(type, state), null, 'attributes removed behind terraform are gone')
  state = must(await tf.apply(type, null, changed))
  t.equal(await tf.apply(type, state, null), null, 'destroy')
  t.same(await custom(), [], 'destroy removes them')

  t.match(
    await failure(
      tf.apply(type, null, { cluster: 'nowhere', container_instance: id, attributes: { a: 'b' } }),
    ),
    [{ attribute: { steps: [{ attribute_name: 'cluster' }] } }],
    'a missing cluster is a diagnostic on "cluster"',
  )
})

t.test('quayside_account_setting_default', async t => {
  const { ecs, tf } = await setup(t)
  const type = 'quayside_account_setting_default'
  const effective = async () =>
    (await ecs.listAccountSettings({ name: 'containerInsights', effectiveSettings: true }))
      .settings?.[0]?.value
  const config = { name: 'containerInsights', value: 'enabled' }
  let state = must(await tf.apply(type, null, config))
  t.equal(await effective(), 'enabled')
  t.match(state, { id: 'containerInsights', principal_arn: /^arn:aws:iam::/ })
  t.ok(await tf.planIsEmpty(type, must(await tf.refresh(type, state)), config))

  const changed = { ...config, value: 'enhanced' }
  t.same((await tf.plan(type, state, changed)).replace, [])
  state = must(await tf.apply(type, state, changed))
  t.equal(await effective(), 'enhanced')

  const imported = await tf.importState(type, 'containerInsights')
  t.ok(await tf.planIsEmpty(type, must(imported.state), changed), 'nothing to do after import')

  t.equal(await tf.apply(type, state, null), null, 'destroy')
  t.equal(await effective(), 'disabled', "destroy puts ECS's own default back")
  const never = await tf.importState(type, 'awsvpcTrunking')
  t.match(never.diagnostics, [{ summary: /non-existent/ }], 'a setting nobody set is not there')
})

t.test('quayside_service', async t => {
  const { ecs, tf } = await setup(t)
  await ecs.createCluster({ clusterName: 'apps' })
  const td = await ecs.registerTaskDefinition({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64, essential: true }],
  })
  const type = 'quayside_service'
  const config = {
    name: 'web',
    cluster: 'apps',
    task_definition: td.taskDefinition?.taskDefinitionArn ?? '',
    desired_count: 0,
    deployment_maximum_percent: 200,
    deployment_minimum_healthy_percent: 50,
    tags: { app: 'web' },
  }
  let state = must(await tf.apply(type, null, config))
  t.equal(state['cluster'], 'apps', 'the cluster as written (a name), not as answered (an ARN)')
  const described = await ecs.describeServices({ cluster: 'apps', services: ['web'] })
  t.match(described.services?.[0], {
    status: 'ACTIVE',
    taskDefinition: td.taskDefinition?.taskDefinitionArn,
  })
  t.ok(await tf.planIsEmpty(type, must(await tf.refresh(type, state)), config), 'empty plan')

  const scaled = {
    ...config,
    desired_count: 1,
    tags: { app: 'web', tier: 'front' },
  }
  t.same((await tf.plan(type, state, scaled)).replace, [], 'desired_count changes in place')
  state = must(await tf.apply(type, state, scaled))
  const after = await ecs.describeServices({
    cluster: 'apps',
    services: ['web'],
    include: ['TAGS'],
  })
  t.equal(after.services?.[0]?.desiredCount, 1)
  t.equal(after.services?.[0]?.tags?.length, 2)

  for (const id of ['apps/web', text(state, 'arn')]) {
    const imported = await tf.importState(type, id)
    t.same(imported.diagnostics, [], `import ${id}`)
    // an import reads the API's spelling (the cluster's ARN), as HCL referencing `.arn` has it
    const byArn = { ...scaled, cluster: text(must(imported.state), 'cluster') }
    t.match(byArn.cluster, /^arn:aws:ecs:.*:cluster\/apps$/)
    t.ok(await tf.planIsEmpty(type, must(imported.state), byArn), 'nothing to do after import')
  }

  const renamed = { ...scaled, name: 'web2' }
  t.same((await tf.plan(type, state, renamed)).replace, ['name'])
  state = must(await tf.apply(type, state, renamed))

  await ecs.deleteService({ cluster: 'apps', service: 'web2', force: true })
  t.equal(await tf.refresh(type, state), null, 'a service deleted behind terraform is gone')
  state = must(await tf.apply(type, null, renamed))
  t.equal(await tf.apply(type, state, null), null, 'destroy')
  const left = await ecs.describeServices({ cluster: 'apps', services: ['web2'] })
  t.not(left.services?.[0]?.status, 'ACTIVE', 'destroy leaves no active service')
})
