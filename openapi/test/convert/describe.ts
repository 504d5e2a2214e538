// Given/want tables for the generated descriptions.
import t from 'tap'
import { describeMember, describeRange, describeShape } from '../../src/convert/describe.js'
import type { Unit } from '../../src/convert/describe.js'
import type { Shape, ShapeRef } from '../../src/model/types.js'

const characters: Unit = ['character', 'characters']

const ranges: [string, { given: [number | undefined, number | undefined, Unit?]; want: string }][] =
  [
    ['both limits', { given: [1, 255, characters], want: '1 to 255 characters' }],
    ['minimum only, singular', { given: [1, undefined, characters], want: 'at least 1 character' }],
    ['maximum only', { given: [undefined, 10, ['entry', 'entries']], want: 'at most 10 entries' }],
    ['maximum of one', { given: [undefined, 1, ['item', 'items']], want: 'at most 1 item' }],
    ['no unit', { given: [0, 100], want: '0 to 100' }],
    ['no limits', { given: [undefined, undefined, characters], want: '' }],
  ]

for (const [name, { given, want }] of ranges) {
  t.test(`range: ${name}`, t => {
    t.equal(describeRange(...given), want)
    t.end()
  })
}

const shapesCases: [string, { given: Shape; want: string }][] = [
  [
    'structure, one member',
    {
      given: { type: 'structure', members: { a: { shape: 'S' } }, required: ['a'] },
      want: 'N object with 1 member, required: a.',
    },
  ],
  [
    'structure, two required',
    {
      given: {
        type: 'structure',
        members: { a: { shape: 'S' }, b: { shape: 'S' } },
        required: ['a', 'b'],
      },
      want: 'N object with 2 members, required: a, b.',
    },
  ],
  [
    'document',
    {
      given: { type: 'structure', members: {}, document: true },
      want: 'N: any JSON value (a free-form document).',
    },
  ],
  [
    'list without limits',
    { given: { type: 'list', member: { shape: 'S' } }, want: 'N: list of S.' },
  ],
  [
    'map with a minimum',
    {
      given: { type: 'map', key: { shape: 'K' }, value: { shape: 'V' }, min: 1 },
      want: 'N: map from K keys to V values, at least 1 entry.',
    },
  ],
  ['enum', { given: { type: 'string', enum: ['A'] }, want: 'N: string, one of A.' }],
  ['long with a maximum', { given: { type: 'long', max: 9 }, want: '64-bit integer, at most 9.' }],
  [
    'boolean, deprecated since a date',
    {
      given: { type: 'boolean', deprecated: true, deprecatedSince: '2020-01-01' },
      want: 'Boolean. Deprecated since 2020-01-01.',
    },
  ],
]

for (const [name, { given, want }] of shapesCases) {
  t.test(`shape: ${name}`, t => {
    t.equal(describeShape('N', given), want)
    t.end()
  })
}

const memberCases: [string, { given: [ShapeRef, Shape, boolean]; want: string }][] = [
  ['required', { given: [{ shape: 'S' }, { type: 'string' }, true], want: 'Required. String.' }],
  ['optional', { given: [{ shape: 'S' }, { type: 'string' }, false], want: 'Optional. String.' }],
  [
    'deprecated member without a date',
    {
      given: [{ shape: 'S', deprecated: true }, { type: 'string' }, false],
      want: 'Optional. String. Deprecated.',
    },
  ],
  [
    'deprecated member of a deprecated shape says it once',
    {
      given: [{ shape: 'S', deprecated: true }, { type: 'string', deprecated: true }, false],
      want: 'Optional. String. Deprecated.',
    },
  ],
  [
    'idempotency token',
    {
      given: [{ shape: 'S', idempotencyToken: true }, { type: 'string' }, false],
      want: 'Optional. String. Idempotency token: a retry with the same value does not repeat the call.',
    },
  ],
]

for (const [name, { given, want }] of memberCases) {
  t.test(`member: ${name}`, t => {
    t.equal(describeMember(...given), want)
    t.end()
  })
}
