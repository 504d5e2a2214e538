import fc from 'fast-check'
import t from 'tap'
import { sameJson } from '../src/json-equal.js'

const doc = { arn: 'a', version: 1, tags: [], resources: [{ name: 'CPU', integerValue: 1 }] }

t.test('sameJson answers what comparing the serialised texts answers', t => {
  const cases: { name: string; given: [unknown, unknown]; want: boolean }[] = [
    { name: 'one object', given: [doc, doc], want: true },
    { name: 'an equal copy', given: [doc, structuredClone(doc)], want: true },
    {
      name: 'another number deep down',
      given: [doc, { ...doc, resources: [{ name: 'CPU', integerValue: 2 }] }],
      want: false,
    },
    { name: 'another scalar', given: [doc, { ...doc, version: 2 }], want: false },
    { name: 'a member more', given: [doc, { ...doc, extra: 0 }], want: false },
    { name: 'a member less', given: [{ ...doc, extra: 0 }, doc], want: false },
    {
      name: 'members in another order',
      given: [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      want: false,
    },
    {
      name: 'an undefined member is left out',
      given: [{ a: 1, b: undefined }, { a: 1 }],
      want: true,
    },
    {
      name: 'on either side, anywhere',
      given: [
        { x: undefined, a: 1 },
        { a: 1, y: undefined },
      ],
      want: true,
    },
    { name: 'arrays of another length', given: [[1, 2], [1]], want: false },
    { name: 'an array is not an object', given: [[], {}], want: false },
    { name: 'an object is not an array', given: [{}, []], want: false },
    { name: 'null is not an object', given: [null, {}], want: false },
    { name: 'an object is not null', given: [{}, null], want: false },
    { name: 'a string is not a number', given: ['1', 1], want: false },
    { name: 'equal strings', given: ['x', 'x'], want: true },
  ]
  for (const { name, given, want } of cases) {
    t.equal(sameJson(...given), want, name)
    t.equal(JSON.stringify(given[0]) === JSON.stringify(given[1]), want, `${name} (as texts)`)
  }
  t.end()
})

t.test('property: equal exactly when the texts are equal', t => {
  // Values JSON round-trips (no NaN, no undefined array items): a pair, and a pair made equal.
  const json = fc.jsonValue({ maxDepth: 3 }).map(v => JSON.parse(JSON.stringify(v)) as unknown)
  fc.assert(
    fc.property(json, json, (a, b) => {
      const copy = JSON.parse(JSON.stringify(a)) as unknown
      return sameJson(a, b) === (JSON.stringify(a) === JSON.stringify(b)) && sameJson(a, copy)
    }),
    { numRuns: 500 },
  )
  t.end()
})
