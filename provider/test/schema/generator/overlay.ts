import t from 'tap'
import { readOverlay } from '../../../src/schema/generator/overlay.js'

const provider = { description: 'p', attributes: {} }

t.test('malformed overlays are refused with the place at fault', t => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /must be a JSON object/],
    ['no provider', { resources: {}, dataSources: {} }, /provider must be an object/],
    [
      'unknown entry key',
      { provider: { ...provider, x: 1 }, resources: {}, dataSources: {} },
      /unknown key "x"/,
    ],
    [
      'no description',
      { provider: { attributes: {} }, resources: {}, dataSources: {} },
      /needs a description/,
    ],
    [
      'attributes not an object',
      { provider: { description: 'p', attributes: [] }, resources: {}, dataSources: {} },
      /"attributes" must be an object/,
    ],
    ['no resources', { provider, dataSources: {} }, /"resources" must be an object/],
    [
      'bad prefix',
      { provider, resources: { aws_x: { description: 'x', attributes: {} } }, dataSources: {} },
      /start with quayside_/,
    ],
    [
      'camelCase name',
      {
        provider: { description: 'p', attributes: { notSnake: { type: 'string' } } },
        resources: {},
        dataSources: {},
      },
      /not snake_case/,
    ],
    [
      'attribute not an object',
      { provider: { description: 'p', attributes: { a: 1 } }, resources: {}, dataSources: {} },
      /provider.a must be an object/,
    ],
    [
      'unknown attribute key',
      {
        provider: { description: 'p', attributes: { a: { type: 'string', nope: 1 } } },
        resources: {},
        dataSources: {},
      },
      /unknown key "nope"/,
    ],
    [
      'neither path nor type',
      { provider: { description: 'p', attributes: { a: {} } }, resources: {}, dataSources: {} },
      /needs "path"/,
    ],
    [
      'nested checked too',
      {
        provider: {
          description: 'p',
          attributes: { a: { path: 'x', attributes: { B: { type: 'string' } } } },
        },
        resources: {},
        dataSources: {},
      },
      /provider.a: "B" is not snake_case/,
    ],
  ]
  for (const [name, given, error] of cases)
    t.throws(() => readOverlay(given), { code: 'QS_PROVIDER_BAD_OVERLAY', message: error }, name)
  t.ok(readOverlay({ provider, resources: {}, dataSources: {} }))
  t.end()
})
