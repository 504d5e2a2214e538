import t from 'tap'
import type { Block } from '../../src/schema/types.js'
import { conform, valueAt } from '../../src/values/shape.js'
import { UNKNOWN, containsUnknown, isObject } from '../../src/values/types.js'

const block: Block = {
  description: '',
  attributes: [{ name: 'a', type: 'string', description: '' }],
  blocks: [
    {
      name: 'one',
      nesting: 'single',
      block: {
        description: '',
        attributes: [{ name: 'x', type: 'number', description: '' }],
        blocks: [],
      },
    },
    {
      name: 'many',
      nesting: 'list',
      block: {
        description: '',
        attributes: [{ name: 'y', type: 'bool', description: '' }],
        blocks: [],
      },
    },
  ],
}

t.test('conform gives the full shape', t => {
  const cases = [
    { name: 'null', given: null, want: { a: null, one: null, many: [] } },
    { name: 'empty', given: {}, want: { a: null, one: null, many: [] } },
    { name: 'extra dropped', given: { a: 'v', zzz: 1 }, want: { a: 'v', one: null, many: [] } },
    {
      name: 'nested filled',
      given: { one: {}, many: [{}] },
      want: { a: null, one: { x: null }, many: [{ y: null }] },
    },
  ]
  for (const c of cases) t.same(conform(block, c.given), c.want, c.name)
  t.end()
})

t.test('valueAt and helpers', t => {
  const value = { many: [{ y: true }] }
  t.equal(valueAt(value, ['many', 0, 'y']), true)
  t.equal(valueAt(value, ['many', 'x']), undefined)
  t.equal(valueAt(value, ['nope']), undefined)
  t.ok(containsUnknown({ a: [1, UNKNOWN] }))
  t.notOk(containsUnknown({ a: [1, null] }))
  t.notOk(isObject([]))
  t.notOk(isObject(UNKNOWN))
  t.end()
})
