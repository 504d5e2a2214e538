import t from 'tap'
import { schemas } from '../../src/generated/schemas.js'
import type { Block } from '../../src/schema/types.js'
import { fromApi, getPath, toApi } from '../../src/values/api-model.js'
import { conform } from '../../src/values/shape.js'
import { UNKNOWN } from '../../src/values/types.js'

const service = schemas.resources['quayside_service']!.block
const taskDefinition = schemas.resources['quayside_task_definition']!.block
const attributes = schemas.resources['quayside_container_instance_attributes']!.block

t.test('toApi: names, nested paths, transforms; nulls and unknowns left out', t => {
  const value = conform(service, {
    name: 'web',
    cluster: 'main',
    desired_count: 2,
    deployment_maximum_percent: 150,
    deployment_minimum_healthy_percent: UNKNOWN,
    deployment_circuit_breaker: { enable: true, rollback: false },
    ordered_placement_strategy: [{ type: 'spread', field: 'instanceId' }],
    network_configuration: { subnets: ['s-1'], security_groups: null, assign_public_ip: null },
    tags: { b: '2', a: '1' },
    arn: UNKNOWN,
  })
  t.same(toApi(service, value), {
    serviceName: 'web',
    cluster: 'main',
    desiredCount: 2,
    deploymentConfiguration: {
      maximumPercent: 150,
      deploymentCircuitBreaker: { enable: true, rollback: false },
    },
    tags: [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ],
    placementConstraints: [],
    placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    capacityProviderStrategy: [],
    networkConfiguration: { awsvpcConfiguration: { subnets: ['s-1'] } },
  })
  t.end()
})

t.test('toApi: json and name-value transforms', t => {
  const td = conform(taskDefinition, {
    family: 'f',
    container_definitions: '[{"name":"a"}]',
    cpu: '256',
  })
  t.match(toApi(taskDefinition, td), {
    family: 'f',
    containerDefinitions: [{ name: 'a' }],
    cpu: '256',
  })
  t.throws(() => toApi(taskDefinition, { ...td, container_definitions: '[' }), {
    path: ['container_definitions'],
  } as unknown as Error)
  t.throws(() => toApi(taskDefinition, { ...td, container_definitions: 1 }), /JSON string/)
  const attrs = conform(attributes, {
    cluster: 'c',
    container_instance: 'i',
    attributes: { stack: 'prod', flag: '' },
  })
  t.same(toApi(attributes, attrs), {
    cluster: 'c',
    targetId: 'i',
    attributes: [{ name: 'flag' }, { name: 'stack', value: 'prod' }],
  })
  t.throws(() => toApi(attributes, { ...attrs, attributes: 'x' }), /map of strings/)
  t.end()
})

t.test('toApi: big numbers and plain nested values', t => {
  const block: Block = {
    description: '',
    attributes: [
      { name: 'n', type: 'number', description: '', api: { path: ['n'] } },
      { name: 'm', type: ['map', 'string'], description: '', api: { path: ['m'] } },
      { name: 'l', type: ['list', 'string'], description: '', api: { path: ['l'] } },
      { name: 'free', type: 'string', description: '' },
    ],
    blocks: [],
  }
  t.same(
    toApi(block, {
      n: '12345678901234567890',
      m: { a: 'x', b: null, c: UNKNOWN },
      l: ['a', UNKNOWN],
      free: 'x',
    }),
    {
      n: Number('12345678901234567890'),
      m: { a: 'x' },
      l: ['a'],
    },
  )
  t.end()
})

t.test('fromApi: full shape, readPath, empty collections as null', t => {
  const state = fromApi(service, {
    serviceName: 'web',
    clusterArn: 'arn:aws:ecs:r:1:cluster/main',
    desiredCount: 1,
    deploymentConfiguration: {
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    tags: [],
    placementStrategy: [{ type: 'binpack', field: 'cpu' }, 'junk'],
    networkConfiguration: { awsvpcConfiguration: { subnets: [], securityGroups: ['g'] } },
  })
  t.match(state, {
    name: 'web',
    cluster: 'arn:aws:ecs:r:1:cluster/main',
    desired_count: 1,
    deployment_maximum_percent: 200,
    deployment_minimum_healthy_percent: null,
    deployment_circuit_breaker: { enable: true, rollback: true },
    deployment_controller: null,
    ordered_placement_strategy: [{ type: 'binpack', field: 'cpu' }],
    placement_constraints: [],
    network_configuration: { subnets: null, security_groups: ['g'], assign_public_ip: null },
    tags: null,
    id: null,
  })
  const td = fromApi(taskDefinition, {
    containerDefinitions: [{ name: 'a' }],
    tags: [{ key: 'k' }],
    volumes: [{ name: 'v', host: { sourcePath: '/x' } }],
  })
  t.equal(td['container_definitions'], '[{"name":"a"}]')
  t.same(td['tags'], { k: '' })
  t.match(td['volume'], [{ name: 'v', host_path: '/x', docker_volume_configuration: null }])
  const block: Block = {
    description: '',
    attributes: [{ name: 'm', type: ['map', 'string'], description: '', api: { path: ['m'] } }],
    blocks: [
      { name: 'b', nesting: 'list', block: { description: '', attributes: [], blocks: [] } },
    ],
  }
  t.same(fromApi(block, { m: { a: 'x', b: null, c: Symbol('no') } }), {
    m: { a: 'x', b: null, c: null },
    b: [],
  })
  t.same(fromApi(block, { m: {} }), { m: null, b: [] })
  t.equal(getPath({ a: 1 }, ['a', 'b']), undefined)
  t.end()
})
