import t from 'tap'
import type { Attribute, Block, NestedBlock } from '../../src/schema/types.js'
import { keepEquivalent, sameAttributeValue, sameBlockValue } from '../../src/values/equivalence.js'
import { UNKNOWN } from '../../src/values/types.js'
import type { TfValue } from '../../src/values/types.js'

const attr = (over: Partial<Attribute>): Attribute => ({
  name: 'a',
  type: 'string',
  description: '',
  ...over,
})
const json = attr({ api: { path: ['x'], transform: 'json' } })
const ref = attr({ api: { path: ['x'], transform: 'arn-ref' } })
const set = attr({ type: ['set', 'string'] })

t.test('sameAttributeValue', t => {
  const cases: [string, Attribute, TfValue, TfValue, boolean][] = [
    ['equal strings', attr({}), 'a', 'a', true],
    ['different strings', attr({}), 'a', 'b', false],
    ['null and empty list', attr({ type: ['list', 'string'] }), null, [], true],
    ['set order', set, ['a', 'b'], ['b', 'a'], true],
    ['list order matters', attr({ type: ['list', 'string'] }), ['a', 'b'], ['b', 'a'], false],
    ['unknown vs known', attr({}), UNKNOWN, 'a', false],
    ['json key order and nulls', json, '[{"a":1,"b":null}]', '[{"a":1}]', true],
    ['json values differ', json, '[{"a":1}]', '[{"a":2}]', false],
    ['json vs text', json, 'not json', 'not json', true],
    ['arn vs name', ref, 'arn:aws:ecs:r:1:cluster/web', 'web', true],
    ['name vs arn', ref, 'web:3', 'arn:aws:ecs:r:1:task-definition/web:3', true],
    ['family vs revision arn', ref, 'web', 'arn:aws:ecs:r:1:task-definition/web:3', true],
    ['other name', ref, 'arn:aws:ecs:r:1:cluster/web', 'api', false],
    ['two names', ref, 'a', 'b', false],
    ['null reference', ref, null, 'b', false],
  ]
  for (const [name, attribute, a, b, want] of cases)
    t.equal(sameAttributeValue(attribute, a, b), want, name)
  t.end()
})

const inner: Block = { description: '', attributes: [attr({ name: 'k' })], blocks: [] }
const nested = (nesting: NestedBlock['nesting']): NestedBlock => ({
  name: 'b',
  nesting,
  block: inner,
})

t.test('sameBlockValue', t => {
  t.ok(sameBlockValue(nested('single'), null, null))
  t.notOk(sameBlockValue(nested('single'), { k: 'x' }, null))
  t.ok(sameBlockValue(nested('single'), { k: 'x' }, { k: 'x' }))
  t.ok(sameBlockValue(nested('list'), [{ k: 'x' }], [{ k: 'x' }]))
  t.notOk(sameBlockValue(nested('list'), [{ k: 'x' }, { k: 'y' }], [{ k: 'y' }, { k: 'x' }]))
  t.ok(sameBlockValue(nested('set'), [{ k: 'x' }, { k: 'y' }], [{ k: 'y' }, { k: 'x' }]))
  t.notOk(sameBlockValue(nested('set'), [{ k: 'x' }], []))
  t.ok(sameBlockValue(nested('set'), null, []))
  t.end()
})

t.test('keepEquivalent keeps the reference spelling only when it means the same', t => {
  const block: Block = {
    description: '',
    attributes: [ref, attr({ name: 'n' })],
    blocks: [nested('set')],
  }
  const fresh = { a: 'arn:aws:ecs:r:1:cluster/web', n: 'new', b: [{ k: 'x' }] }
  const kept = keepEquivalent(block, fresh, { a: 'web', n: 'old', b: [{ k: 'x' }] })
  t.same(kept, { a: 'web', n: 'new', b: [{ k: 'x' }] })
  t.end()
})
