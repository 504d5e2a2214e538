import t from 'tap'
import { closeSchema, closeSchemas } from '../../src/validation/closed-schema.js'

const cases: { name: string; given: unknown; want: unknown }[] = [
  {
    name: 'a structure refuses members it does not list',
    given: { type: 'object', properties: { a: { type: 'string' } } },
    want: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
  },
  {
    name: 'an empty structure refuses every member',
    given: { type: 'object', properties: {} },
    want: { type: 'object', properties: {}, additionalProperties: false },
  },
  {
    name: 'a map stays open, its value schema closed',
    given: { type: 'object', additionalProperties: { type: 'object', properties: {} } },
    want: {
      type: 'object',
      additionalProperties: { type: 'object', properties: {}, additionalProperties: false },
    },
  },
  {
    name: 'nested members and list items are closed',
    given: {
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'object', properties: {} } } },
    },
    want: {
      type: 'object',
      properties: {
        list: {
          type: 'array',
          items: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'a member named like a keyword is a member, not a schema',
    given: { type: 'object', properties: { type: { type: 'string' }, items: { $ref: '#/x' } } },
    want: {
      type: 'object',
      properties: { type: { type: 'string' }, items: { $ref: '#/x' } },
      additionalProperties: false,
    },
  },
  {
    name: 'oneOf branches are closed',
    given: { oneOf: [{ type: 'object', properties: {} }, { $ref: '#/x' }] },
    want: {
      oneOf: [{ type: 'object', properties: {}, additionalProperties: false }, { $ref: '#/x' }],
    },
  },
  {
    name: 'scalars, refs and free-form documents are left alone',
    given: { type: 'string', enum: ['A'] },
    want: { type: 'string', enum: ['A'] },
  },
  {
    name: 'a schema without type (any JSON value)',
    given: { description: 'doc' },
    want: { description: 'doc' },
  },
  { name: 'a boolean schema', given: true, want: true },
]

t.test('closeSchema', t => {
  for (const { name, given, want } of cases) {
    const before = JSON.stringify(given)
    t.same(closeSchema(given), want, name)
    t.equal(JSON.stringify(given), before, `${name}: the input is not changed`)
  }
  t.end()
})

t.test('closeSchemas closes every component by name', t => {
  t.same(
    closeSchemas({
      Tag: { type: 'object', properties: { key: { type: 'string' } } },
      Tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
    }),
    {
      Tag: { type: 'object', properties: { key: { type: 'string' } }, additionalProperties: false },
      Tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
    },
  )
  t.end()
})
