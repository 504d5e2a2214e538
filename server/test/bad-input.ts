/**
 * For every one of the 77 operations: missing members, every top-level member with every wrong
 * JSON type, schema-valid samples, malformed and oversized bodies. The server must answer each
 * with a 4xx ECS-shaped error or a 200 (never a 500) and stay up.
 */
import { loadSpec, type SchemaObject } from '@quayside/openapi'
import t from 'tap'
import { request } from 'undici'
import { rawCall, testServer } from './fixtures/server.js'

t.setTimeout(300_000)
const spec = loadSpec()
const schemas = spec.components.schemas

function resolve(schema: SchemaObject): SchemaObject {
  return schema.$ref ? resolve(schemas[schema.$ref.split('/').pop()!]!) : schema
}

/** A value that satisfies `schema` (depth-limited): drives handlers past validation. */
function sample(schema: SchemaObject, depth = 0): unknown {
  const s = resolve(schema)
  if (s.enum) return s.enum[0]
  switch (s.type ?? 'unknown') {
    case 'string':
      return 'a'.repeat(Math.max(1, Number(s['minLength'] ?? 1)))
    case 'integer':
    case 'number':
      return Number(s['minimum'] ?? 1)
    case 'boolean':
      return true
    case 'array':
      return depth > 3 || !s.items
        ? []
        : Array.from({ length: Number(s['minItems'] ?? 1) }, () => sample(s.items!, depth + 1))
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const name of s.required ?? [])
        out[name] = depth > 4 ? {} : sample(s.properties?.[name] ?? {}, depth + 1)
      return out
    }
    default:
      return 'x'
  }
}

const wrongValues: unknown[] = [
  null,
  7,
  -1,
  1e300,
  'text',
  '',
  true,
  [],
  [1, 'x'],
  {},
  { a: { b: [] } },
  'z'.repeat(5000),
]

t.test('no input crashes the server or gets a 500', async t => {
  const server = await testServer(t, { bodyLimit: 64 * 1024 })
  const statuses = new Map<number, number>()
  let fiveHundreds = 0
  const check = async (operation: string, body: unknown, what: string) => {
    const res = await rawCall(server, operation, body)
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    if (res.status >= 500) {
      fiveHundreds++
      t.fail(`${operation} ${what}: ${res.status} ${res.text}`)
    } else if (
      res.status !== 200 &&
      (typeof res.body['__type'] !== 'string' || typeof res.body['message'] !== 'string')
    ) {
      t.fail(`${operation} ${what}: error without __type/message: ${res.text}`)
    }
  }
  for (const [path, item] of Object.entries(spec.paths)) {
    const operation = path.slice(1)
    const ref = item.post.requestBody.content['application/x-amz-json-1.1']!.schema
    const input = resolve(ref)
    await check(operation, {}, 'empty object')
    const valid = sample(ref) as Record<string, unknown>
    await check(operation, valid, 'minimal valid sample')
    for (const member of Object.keys(input.properties ?? {})) {
      const full = { ...valid, [member]: sample(input.properties![member]!) }
      await check(operation, full, `sample with ${member}`)
      for (const value of wrongValues)
        await check(
          operation,
          { ...valid, [member]: value },
          `${member}=${JSON.stringify(value).slice(0, 20)}`,
        )
    }
    for (const body of [
      '{',
      '[]',
      '"s"',
      '123',
      'null',
      '{"a":}',
      '\u0000',
      '{"clusterName":"\\ud800"}',
    ]) {
      await check(operation, body, `body ${body}`)
    }
    await check(operation, { padding: 'p'.repeat(70 * 1024) }, 'oversized body')
  }
  t.equal(fiveHundreds, 0, `statuses seen: ${JSON.stringify([...statuses])}`)
  const health = await request(`${server.url}/health`)
  t.equal(health.statusCode, 200, 'still serving')
  await health.body.dump()
})
