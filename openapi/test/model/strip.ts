import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageDir } from '../../src/generate.js'
import { PROSE_KEYS, stripProse } from '../../src/model/strip.js'

t.test('prose goes at any depth; structure, order and other values stay', t => {
  const given = {
    documentation: '<p>top</p>',
    metadata: { serviceId: 'ECS', documentationUrl: 'https://example' },
    shapes: {
      A: {
        type: 'structure',
        deprecated: true,
        deprecatedMessage: 'gone',
        deprecatedSince: '2023-04-15',
        members: { b: { shape: 'B', documentation: 'doc' } },
      },
      L: { type: 'list', member: { shape: 'B' }, enumList: ['x', { documentation: 'y' }] },
    },
    n: null,
    k: 3,
  }
  const want = {
    metadata: { serviceId: 'ECS' },
    shapes: {
      A: {
        type: 'structure',
        deprecated: true,
        deprecatedSince: '2023-04-15',
        members: { b: { shape: 'B' } },
      },
      L: { type: 'list', member: { shape: 'B' }, enumList: ['x', {}] },
    },
    n: null,
    k: 3,
  }
  const out = stripProse(given)
  t.strictSame(out, want)
  t.same(Object.keys((out as typeof want).shapes.A), [
    'type',
    'deprecated',
    'deprecatedSince',
    'members',
  ])
  t.equal(given.documentation, '<p>top</p>', 'the input is left alone')
  t.same([...PROSE_KEYS].sort(), ['deprecatedMessage', 'documentation', 'documentationUrl'])
  t.end()
})

t.test('the pinned model carries no prose', t => {
  const text = readFileSync(join(packageDir, 'model', 'service-2.json'), 'utf8')
  for (const key of PROSE_KEYS) t.notMatch(text, `"${key}"`, `no "${key}"`)
  t.notMatch(text, /<p>|<\/a>|https?:\/\//, 'no HTML or links')
  t.strictSame(stripProse(JSON.parse(text)), JSON.parse(text), 'stripping again changes nothing')
  t.end()
})
