// The spec's schemas work in a real JSON Schema 2020-12 validator (Ajv, strict mode), the way the
// server validates requests with them: every component compiles, and sample bodies are judged the
// way ECS judges them. Ajv does not implement OpenAPI's `discriminator.mapping`, so the keyword is
// declared and left to `oneOf`, and the x-amz-* annotations are declared as keywords.
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import t from 'tap'
import { loadSpec } from '../../src/index.js'

const spec = loadSpec()
const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  keywords: [
    'components',
    'discriminator',
    'x-amz-error',
    'x-amz-document',
    'x-amz-sensitive',
    'x-amz-timestamp',
    'x-amz-idempotency-token',
  ],
  formats: { int32: true, int64: true, double: true },
})
ajv.addSchema({ $id: 'ecs', components: spec.components })

function schema(name: string): ValidateFunction {
  const validate = ajv.getSchema(`ecs#/components/schemas/${name}`)
  if (validate === undefined) throw new Error(`no schema ${name}`)
  return validate
}

t.test('every component schema compiles in strict mode', t => {
  for (const name of Object.keys(spec.components.schemas)) {
    t.doesNotThrow(() => schema(name), name)
  }
  t.end()
})

t.test('request bodies are judged like ECS judges them', t => {
  const runTask = schema('RunTaskRequest')
  const cases: [string, unknown, boolean][] = [
    ['minimal', { taskDefinition: 'web:1' }, true],
    [
      'full-ish',
      { taskDefinition: 'web', count: 2, launchType: 'FARGATE', tags: [{ key: 'a', value: 'b' }] },
      true,
    ],
    ['a member this model lacks is ignored', { taskDefinition: 'web', someFutureMember: 1 }, true],
    ['missing required member', { count: 1 }, false],
    ['wrong type', { taskDefinition: 'web', count: '1' }, false],
    ['a fraction where an integer is due', { taskDefinition: 'web', count: 1.5 }, false],
    ['value outside the enum', { taskDefinition: 'web', launchType: 'LAMBDA' }, false],
    [
      'tag key too long',
      { taskDefinition: 'web', tags: [{ key: 'k'.repeat(129), value: '' }] },
      false,
    ],
    [
      'too many tags',
      { taskDefinition: 'web', tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` })) },
      false,
    ],
  ]
  for (const [name, body, valid] of cases) t.equal(runTask(body), valid, name)
  const capacity = schema('CapacityProviderStrategyItem')
  t.notOk(capacity({ capacityProvider: 'FARGATE', weight: 1001 }), 'weight above 1000')
  t.ok(capacity({ capacityProvider: 'FARGATE', weight: 1000, base: 0 }), 'limits are inclusive')
  t.end()
})

t.test('responses: fractional epoch timestamps, documents, maps', t => {
  const task = schema('Task')
  t.ok(task({ createdAt: 1732560000.123, overrides: {}, tags: [] }))
  t.notOk(task({ createdAt: '2024-11-25T00:00:00Z' }), 'timestamps are numbers on the wire')
  t.ok(schema('HookDetails')(['any', { json: 1 }]), 'a document is any JSON')
  t.ok(schema('StringMap')({ a: 'b' }))
  t.notOk(schema('StringMap')({ a: 1 }))
  t.end()
})

t.test('every 400 body is one of the operation errors, told apart by __type', t => {
  for (const [path, item] of Object.entries(spec.paths)) {
    const response = item.post.responses['400'] as {
      content: Record<string, { schema: { oneOf: { $ref: string }[] } }>
    }
    const body = response.content['application/x-amz-json-1.1']!.schema
    const validate = ajv.compile(
      JSON.parse(JSON.stringify(body).replaceAll('"#/components/', '"ecs#/components/')) as object,
    )
    const first = body.oneOf[0]!.$ref.split('/').pop()!
    t.ok(validate({ __type: first, message: 'm' }), `${path}: ${first}`)
    t.notOk(validate({ __type: 'ServerException', message: 'm' }), `${path}: not a 400`)
  }
  t.end()
})
