import t from 'tap'
import {
  decodeDynamic,
  decodeJson,
  decodeMsgpack,
  encodeMsgpack,
  normalizeNumber,
} from '../../src/values/msgpack.js'
import { UNKNOWN } from '../../src/values/types.js'
import type { CtyType, TfValue } from '../../src/values/types.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytes = (text: string) => Buffer.from(text, 'hex')

t.test('encode then decode gives the value back', t => {
  const cases: { name: string; type: CtyType; value: TfValue; want: string }[] = [
    { name: 'string', type: 'string', value: 'a', want: 'a161' },
    { name: 'null', type: 'string', value: null, want: 'c0' },
    { name: 'unknown is extension 0', type: 'string', value: UNKNOWN, want: 'd40000' },
    { name: 'integer', type: 'number', value: 7, want: '07' },
    { name: 'float', type: 'number', value: 1.5, want: 'cb3ff8000000000000' },
    {
      name: 'big number as text',
      type: 'number',
      value: '123456789012345678901',
      want: 'b5313233343536373839303132333435363738393031',
    },
    { name: 'bool', type: 'bool', value: true, want: 'c3' },
    { name: 'list', type: ['list', 'string'], value: ['x'], want: '91a178' },
    { name: 'set', type: ['set', 'number'], value: [1, 2], want: '920102' },
    { name: 'map', type: ['map', 'bool'], value: { k: false }, want: '81a16bc2' },
    { name: 'tuple', type: ['tuple', ['string', 'number']], value: ['a', 1], want: '92a16101' },
    {
      name: 'object in type order',
      type: ['object', { b: 'string', a: 'number' }],
      value: { a: 1, b: 'x' },
      want: '82a162a178a16101',
    },
  ]
  for (const c of cases) {
    t.equal(hex(encodeMsgpack(c.value, c.type)), c.want, `${c.name}: encodes`)
    t.same(decodeMsgpack(bytes(c.want), c.type), c.value, `${c.name}: decodes`)
  }
  t.end()
})

t.test('decoding', t => {
  t.equal(decodeMsgpack(new Uint8Array(), 'string'), null, 'empty bytes are null')
  t.equal(
    decodeMsgpack(bytes('d40c00'), 'string'),
    UNKNOWN,
    'a refined unknown (extension 12) is unknown',
  )
  t.equal(decodeMsgpack(bytes('c70300010203'), 'number'), UNKNOWN, 'any extension is unknown')
  t.equal(
    decodeMsgpack(bytes('cf0020000000000001'), 'number'),
    '9007199254740993',
    'uint64 beyond 2^53 stays exact',
  )
  t.equal(decodeMsgpack(bytes('cf0000000000000005'), 'number'), 5, 'uint64 that fits is a number')
  t.equal(decodeMsgpack(bytes('a3312e35'), 'number'), 1.5, 'number sent as text')
  t.same(
    decodeMsgpack(bytes('81a161c0'), ['object', { a: 'string', b: 'bool' }]),
    { a: null, b: null },
    'missing attributes are null',
  )
  t.same(
    decodeMsgpack(bytes('82a16101a162d40000'), 'dynamic'),
    { a: 1, b: UNKNOWN },
    'dynamic stays plain',
  )
  t.same(decodeMsgpack(bytes('92c70300010203cf0020000000000001'), 'dynamic'), [
    UNKNOWN,
    '9007199254740993',
  ])
  const bad: { name: string; type: CtyType; hex: string; error: RegExp }[] = [
    { name: 'string', type: 'string', hex: '01', error: /expected a string/ },
    { name: 'bool', type: 'bool', hex: '01', error: /expected a bool/ },
    { name: 'number', type: 'number', hex: 'c3', error: /expected a number/ },
    { name: 'number text', type: 'number', hex: 'a178', error: /not a number/ },
    { name: 'list', type: ['list', 'string'], hex: '01', error: /expected a \["list","string"\]/ },
    { name: 'tuple', type: ['tuple', ['string']], hex: '90', error: /expected a/ },
    { name: 'map', type: ['map', 'string'], hex: '90', error: /expected a/ },
  ]
  for (const c of bad)
    t.throws(
      () => decodeMsgpack(bytes(c.hex), c.type),
      { code: 'QS_PROVIDER_BAD_VALUE', message: c.error },
      c.name,
    )
  t.throws(
    () => decodeMsgpack(bytes('91c3'), ['list', 'string']),
    { path: [0] } as unknown as Error,
    'errors carry the path',
  )
  t.end()
})

t.test('encoding refuses what does not fit', t => {
  const bad: { type: CtyType; value: TfValue }[] = [
    { type: 'string', value: 1 },
    { type: 'number', value: true },
    { type: 'bool', value: 'x' },
    { type: 'bool', value: [] },
    { type: 'bool', value: {} },
    { type: ['list', 'string'], value: 'x' },
    { type: ['tuple', ['string']], value: [] },
    { type: ['map', 'string'], value: [] },
    { type: 'dynamic', value: 'x' },
  ]
  for (const c of bad)
    t.throws(
      () => encodeMsgpack(c.value, c.type),
      { code: 'QS_PROVIDER_BAD_VALUE' },
      JSON.stringify(c.type),
    )
  t.end()
})

t.test('JSON fallback and DynamicValue', t => {
  const type: CtyType = ['object', { n: 'number', s: 'string' }]
  t.same(decodeJson(Buffer.from('{"n":2,"s":"x","extra":1}'), type), { n: 2, s: 'x' })
  t.equal(decodeJson(new Uint8Array(), type), null)
  t.throws(() => decodeJson(Buffer.from('{'), type), /does not parse/)
  t.same(
    decodeDynamic({ json: Buffer.from('{"n":1}') }, type),
    { n: 1, s: null },
    'json when no msgpack',
  )
  t.same(
    decodeDynamic({ msgpack: bytes('81a16e01'), json: Buffer.from('{}') }, type),
    { n: 1, s: null },
    'msgpack preferred',
  )
  t.equal(decodeDynamic(null, type), null)
  t.equal(decodeDynamic({}, type), null)
  t.end()
})

t.test('normalizeNumber', t => {
  const cases: [unknown, number | string][] = [
    [3, 3],
    [BigInt(4), 4],
    [BigInt('12345678901234567890'), '12345678901234567890'],
    ['42', 42],
    ['-7', -7],
    ['0.25', 0.25],
    ['1e3', '1e3'],
    ['0.1000000000000000000001', '0.1000000000000000000001'],
  ]
  for (const [given, want] of cases) t.equal(normalizeNumber(given, []), want, String(given))
  t.throws(() => normalizeNumber('1.2.3', []), /not a number/)
  t.throws(() => normalizeNumber({}, []), /expected a number/)
  t.end()
})
