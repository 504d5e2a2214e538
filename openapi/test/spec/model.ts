// The committed spec against the pinned model, one for one: every operation, every structure,
// list, map and enum, and for every member its required flag, enum, limits and pattern. Written
// against the raw model JSON (not the converter's types) so it checks the converter from outside.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageDir } from '../../src/generate.js'
import { loadSpec } from '../../src/index.js'

interface RawRef {
  shape: string
}
interface RawShape {
  type: string
  members?: Record<string, RawRef>
  required?: string[]
  member?: RawRef
  key?: RawRef
  value?: RawRef
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  exception?: boolean
  fault?: boolean
  document?: boolean
}
interface RawModel {
  metadata: Record<string, unknown>
  operations: Record<string, { input?: RawRef; output?: RawRef; errors?: RawRef[] }>
  shapes: Record<string, RawShape>
}
type Schema = Record<string, unknown>

const model = JSON.parse(
  readFileSync(join(packageDir, 'model', 'service-2.json'), 'utf8'),
) as RawModel
const spec = loadSpec()
const schemas = spec.components.schemas as Record<string, Schema>
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const isComponent = (s: RawShape) =>
  ['structure', 'list', 'map'].includes(s.type) || (s.type === 'string' && s.enum !== undefined)

/** The constraint keywords a scalar shape must produce, wherever it is inlined. */
function scalarConstraints(s: RawShape): Schema {
  const want: Schema = {}
  const put = (key: string, value: unknown) => {
    if (value !== undefined) want[key] = value
  }
  switch (s.type) {
    case 'string':
      Object.assign(want, { type: 'string' })
      put('minLength', s.min)
      put('maxLength', s.max)
      put('pattern', s.pattern)
      break
    case 'integer':
    case 'long':
      Object.assign(want, { type: 'integer', format: s.type === 'integer' ? 'int32' : 'int64' })
      put('minimum', s.min)
      put('maximum', s.max)
      break
    case 'double':
    case 'float':
      Object.assign(want, { type: 'number', format: 'double' })
      put('minimum', s.min)
      put('maximum', s.max)
      break
    case 'boolean':
      Object.assign(want, { type: 'boolean' })
      break
    case 'timestamp':
      Object.assign(want, { type: 'number', 'x-amz-timestamp': 'epoch-seconds' })
      break
    default:
      throw new Error(`not a scalar: ${s.type}`)
  }
  return want
}

/** What the schema at a point of use must hold for a reference to `name`. */
function expectedUse(name: string): Schema {
  const target = model.shapes[name]!
  return isComponent(target) ? ref(name) : scalarConstraints(target)
}

const JSON_1_1 = 'application/x-amz-json-1.1'

/** The body schema of one response of an operation. */
function response(responses: Readonly<Record<string, unknown>>, status: string): Schema {
  const entry = responses[status] as { content: Record<string, { schema: Schema }> }
  return entry.content[JSON_1_1]!.schema
}

function pick(schema: Schema, like: Schema): Schema {
  return Object.fromEntries(Object.keys(like).map(key => [key, schema[key]]))
}

t.test('77 operations, one path each, with the model input, output and errors', t => {
  const ops = Object.keys(model.operations).sort()
  t.equal(ops.length, 77)
  t.same(
    Object.keys(spec.paths).sort(),
    ops.map(op => `/${op}`),
  )
  for (const op of ops) {
    const raw = model.operations[op]!
    const post = spec.paths[`/${op}`]!.post
    t.equal(post.operationId, op)
    t.equal(post['x-amz-target'], `AmazonEC2ContainerServiceV20141113.${op}`)
    t.same(post.requestBody.content[JSON_1_1]!.schema, ref(raw.input!.shape))
    t.same(response(post.responses, '200'), ref(raw.output!.shape))
    const clientErrors = (raw.errors ?? []).map(e => e.shape).filter(e => e !== 'ServerException')
    const oneOf = response(post.responses, '400')['oneOf'] as Schema[]
    t.same(oneOf.map(s => s['$ref']).sort(), clientErrors.map(e => ref(e).$ref).sort(), `${op} 400`)
    t.same(response(post.responses, '500'), ref('ServerException'))
  }
  t.end()
})

t.test('every structure, list, map and enum is a component; no scalar is', t => {
  const names = Object.keys(model.shapes)
  t.equal(names.length, 626)
  t.equal(names.filter(n => model.shapes[n]!.type === 'structure').length, 374)
  const components = names.filter(n => isComponent(model.shapes[n]!)).sort()
  t.same(Object.keys(schemas), components, 'components are exactly the component shapes, sorted')
  t.end()
})

t.test('structures: members, required, errors', t => {
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (shape.type !== 'structure') continue
    const schema = schemas[name]!
    if (shape.document === true) {
      t.notOk('type' in schema, `${name} is any JSON value`)
      continue
    }
    t.equal(schema['type'], 'object', name)
    t.notOk('additionalProperties' in schema, `${name} accepts unknown members`)
    const properties = schema['properties'] as Record<string, Schema>
    const members = Object.keys(shape.members ?? {})
    const errorName = shape.exception === true ? ['__type'] : []
    t.same(Object.keys(properties), [...errorName, ...members], `${name} properties`)
    const required = [...errorName, ...(shape.required ?? [])]
    t.same(schema['required'], required.length === 0 ? undefined : required, `${name} required`)
    for (const [member, target] of Object.entries(shape.members ?? {})) {
      const property = properties[member]!
      const want = expectedUse(target.shape)
      t.same(pick(property, want), want, `${name}.${member}`)
      t.match(
        property['description'],
        (shape.required ?? []).includes(member) ? /^Required\./ : /^Optional\./,
      )
    }
    if (shape.exception === true) {
      t.same(properties['__type'], {
        type: 'string',
        const: name,
        description: properties['__type']!['description'],
      })
      const fault = shape.fault === true
      t.same(schema['x-amz-error'], { httpStatus: fault ? 500 : 400, fault }, `${name} x-amz-error`)
    } else {
      t.notOk('x-amz-error' in schema, `${name} is no error`)
    }
  }
  t.end()
})

t.test('lists, maps and enums: items, values, limits', t => {
  for (const [name, shape] of Object.entries(model.shapes)) {
    const schema = schemas[name]
    const limits = (min: string, max: string) => ({ [min]: shape.min, [max]: shape.max })
    if (shape.type === 'list') {
      const want = expectedUse(shape.member!.shape)
      t.same(pick(schema!['items'] as Schema, want), want, `${name} items`)
      t.same(
        pick(schema!, limits('minItems', 'maxItems')),
        limits('minItems', 'maxItems'),
        `${name} limits`,
      )
      t.equal(schema!['type'], 'array')
    } else if (shape.type === 'map') {
      const want = expectedUse(shape.value!.shape)
      t.same(pick(schema!['additionalProperties'] as Schema, want), want, `${name} values`)
      t.same(
        pick(schema!, limits('minProperties', 'maxProperties')),
        limits('minProperties', 'maxProperties'),
      )
      t.equal(schema!['type'], 'object')
    } else if (shape.type === 'string' && shape.enum !== undefined) {
      t.same(schema, { ...schema, type: 'string', enum: shape.enum }, `${name} enum`)
    }
  }
  t.end()
})

t.test('every description is there and every pattern is an ECMA-262 unicode regex', t => {
  let described = 0
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${path}/${i}`)
      })
      return
    }
    if (node === null || typeof node !== 'object') return
    const record = node as Schema
    if ('type' in record || '$ref' in record) {
      t.type(record['description'], 'string', `${path} has a description`)
      described++
    }
    if (typeof record['pattern'] === 'string') {
      t.doesNotThrow(() => new RegExp(record['pattern'] as string, 'u'), `${path} pattern compiles`)
    }
    for (const [key, child] of Object.entries(record)) {
      // `properties` maps member names to schemas: a member called "type" is not a keyword.
      if (key === 'properties') {
        for (const [member, schema] of Object.entries(child as Schema)) {
          walk(schema, `${path}/properties/${member}`)
        }
      } else if (key !== 'x-amz-error') walk(child, `${path}/${key}`)
    }
  }
  walk(schemas, '#/components/schemas')
  t.ok(described > 2000, `${described} schemas described`)
  t.end()
})
