import t from 'tap'
import { compact, compareNames, refTo, sortedByKey } from '../../src/convert/schema.js'

t.test('refTo points into components.schemas', t => {
  t.strictSame(refTo('Cluster'), { $ref: '#/components/schemas/Cluster' })
  t.end()
})

t.test('compact drops undefined members only', t => {
  const out = compact({ a: 1, b: undefined, c: null, d: false, e: '' })
  t.strictSame(out, { a: 1, c: null, d: false, e: '' })
  t.same(Object.keys(out), ['a', 'c', 'd', 'e'])
  t.end()
})

t.test('names sort by code unit, whatever the locale', t => {
  const names = ['b', 'B', 'a', 'A', '_x', 'Z', 'a']
  t.same([...names].sort(compareNames), ['A', 'B', 'Z', '_x', 'a', 'a', 'b'])
  t.same(Object.keys(sortedByKey({ b: 1, a: 2, B: 3 })), ['B', 'a', 'b'])
  t.same(sortedByKey({ b: 1, a: 2 }), { a: 2, b: 1 })
  t.end()
})
