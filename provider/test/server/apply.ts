/**
 * ApplyResourceChange's settle step, with quayside_service's wait_for_steady_state and timeouts
 * (also how refresh keeps them and how validation checks their durations), against the memory
 * backend with a recording waitStable and delete.
 */
import t from 'tap'
import { createMemoryBackends } from '../../src/backend/memory.js'
import type { Backends } from '../../src/backend/types.js'
import { waitFailed } from '../../src/errors.js'
import { schemas } from '../../src/generated/schemas.js'
import { createLogger } from '../../src/log.js'
import type { DynamicValueMsg, ProviderRpcs } from '../../src/protocol/messages.js'
import { blockType } from '../../src/schema/types.js'
import { createProviderRpcs } from '../../src/server/index.js'
import { decodeMsgpack, encodeMsgpack } from '../../src/values/msgpack.js'
import { conform } from '../../src/values/shape.js'
import type { TfObject, TfValue } from '../../src/values/types.js'

const TYPE = 'quayside_service'
const schema = schemas.resources[TYPE]!
const dv = (value: TfValue): DynamicValueMsg => ({
  msgpack: encodeMsgpack(value, blockType(schema.block)),
})
const val = (value: DynamicValueMsg | undefined) =>
  decodeMsgpack(value?.msgpack ?? new Uint8Array(), blockType(schema.block)) as TfObject | null

interface Recorded {
  waits: [string, string, number][]
  deletes: [string, string, number][]
  /** What the next waitStable does: resolve, or reject with this error. */
  failWith?: Error
}

/** The memory backends with waitStable and delete recording their arguments. */
async function setup() {
  const memory = createMemoryBackends('us-east-1')
  const recorded: Recorded = { waits: [], deletes: [] }
  const backends: Backends = {
    ...memory,
    service: {
      ...memory.service,
      waitStable: (cluster, service, timeoutMs) => {
        recorded.waits.push([cluster, service, timeoutMs])
        return recorded.failWith ? Promise.reject(recorded.failWith) : Promise.resolve()
      },
      delete: (cluster, service, timeoutMs) => {
        recorded.deletes.push([cluster, service, timeoutMs])
        return memory.service.delete(cluster, service, timeoutMs)
      },
    },
  }
  const log = createLogger({ level: 'error', write: () => undefined })
  const rpcs = createProviderRpcs({ factory: () => backends, log, env: {} })
  await rpcs.ConfigureProvider({})
  await memory.cluster.create({ clusterName: 'main' })
  await memory.taskDefinition.create({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx' }],
  })
  return { rpcs, recorded }
}

/** Plans and applies `config` over `prior` (null: a create), as terraform does. */
async function apply(rpcs: ProviderRpcs, prior: TfObject | null, config: TfObject) {
  const proposed = conform(schema.block, { ...prior, ...config })
  const plan = await rpcs.PlanResourceChange({
    type_name: TYPE,
    prior_state: dv(prior),
    proposed_new_state: dv(proposed),
    config: dv(proposed),
  })
  const applied = await rpcs.ApplyResourceChange({
    type_name: TYPE,
    prior_state: dv(prior),
    planned_state: plan.planned_state ?? null,
    config: dv(proposed),
  })
  return { state: val(applied.new_state), diagnostics: applied.diagnostics }
}

const base = { name: 'api', cluster: 'main', task_definition: 'web:1', desired_count: 2 }

t.test('without wait_for_steady_state nothing waits; destroy gets the delete timeout', async t => {
  const { rpcs, recorded } = await setup()
  const created = await apply(rpcs, null, base)
  t.same(created.diagnostics, [])
  t.same(recorded.waits, [], 'no wait')
  const destroyed = await rpcs.ApplyResourceChange({
    type_name: TYPE,
    prior_state: dv(created.state),
    planned_state: dv(null),
  })
  t.same(destroyed.diagnostics, [])
  t.same(recorded.deletes, [['main', 'api', 20 * 60_000]], 'the 20m default')
})

t.test('create and update wait with their own timeouts; refresh keeps both settings', async t => {
  const { rpcs, recorded } = await setup()
  const config = {
    ...base,
    wait_for_steady_state: true,
    timeouts: { create: '90s', update: '1h30m', delete: null },
  }
  const created = await apply(rpcs, null, config)
  t.same(created.diagnostics, [])
  t.same(recorded.waits, [['main', 'api', 90_000]], 'create waits timeouts.create')
  t.match(created.state, { wait_for_steady_state: true, timeouts: { create: '90s' } })

  const read = await rpcs.ReadResource({ type_name: TYPE, current_state: dv(created.state) })
  t.same(val(read.new_state), created.state, 'refresh keeps what only the provider reads')

  const scaled = await apply(rpcs, created.state, { desired_count: 3 })
  t.same(scaled.diagnostics, [])
  t.same(recorded.waits[1], ['main', 'api', 90 * 60_000], 'update waits timeouts.update')
  t.equal(scaled.state?.['desired_count'], 3)
})

t.test('a failed wait is an error, and the new state is kept', async t => {
  const { rpcs, recorded } = await setup()
  recorded.failWith = waitFailed('service api did not reach a steady state within 20m')
  const created = await apply(rpcs, null, { ...base, wait_for_steady_state: true })
  t.match(created.diagnostics, [
    {
      severity: 'ERROR',
      summary: 'Cannot apply quayside_service',
      detail: /did not reach a steady state within 20m/,
    },
  ])
  t.match(
    created.state,
    { name: 'api', arn: 'arn:aws:ecs:us-east-1:000000000000:service/main/api' },
    'terraform gets the created service (and taints it) rather than losing it',
  )
})

t.test('durations are checked by validation, on their attribute', async t => {
  const { rpcs } = await setup()
  const cases: { given: Record<string, string | null>; want: string[][] }[] = [
    { given: { create: '20m', update: '1h', delete: '45s' }, want: [] },
    { given: { create: 'soon', update: null, delete: null }, want: [['timeouts', 'create']] },
    {
      given: { create: null, update: '10', delete: '-1m' },
      want: [
        ['timeouts', 'update'],
        ['timeouts', 'delete'],
      ],
    },
  ]
  for (const { given, want } of cases) {
    const answer = await rpcs.ValidateResourceConfig({
      type_name: TYPE,
      config: dv(conform(schema.block, { ...base, timeouts: given })),
    })
    t.same(
      answer.diagnostics.map(d => d.attribute?.steps),
      want.map(path => path.map(name => ({ attribute_name: name }))),
      JSON.stringify(given),
    )
    for (const diagnostic of answer.diagnostics) t.match(diagnostic.detail, /not a duration/)
  }
})
