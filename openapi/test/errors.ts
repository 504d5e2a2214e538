// The catalogue: every factory, its code and message, and the cross-realm guard.
import t from 'tap'
import {
  OpenApiError,
  badModel,
  isOpenApiError,
  missingSummary,
  unknownShape,
  unknownSummary,
  unsupportedShape,
} from '../src/errors.js'

const catalogue: [OpenApiError, string, string][] = [
  [badModel('f.json', 'broken'), 'ECS_OAS_BAD_MODEL', 'f.json: broken'],
  [
    unknownShape('S', 'T.m'),
    'ECS_OAS_UNKNOWN_SHAPE',
    'shape "S" (used by T.m) is not in the model',
  ],
  [
    unsupportedShape('B', 'blob'),
    'ECS_OAS_UNSUPPORTED_SHAPE',
    'shape "B" has unsupported type "blob"',
  ],
  [
    missingSummary(['A', 'B']),
    'ECS_OAS_MISSING_SUMMARY',
    'overlays/summaries.json has no summary for: A, B',
  ],
  [
    unknownSummary(['C']),
    'ECS_OAS_UNKNOWN_SUMMARY',
    'overlays/summaries.json names operations the model lacks: C',
  ],
]

for (const [error, code, message] of catalogue) {
  t.test(code, t => {
    t.type(error, OpenApiError)
    t.type(error, Error)
    t.equal(error.name, 'OpenApiError')
    t.equal(error.code, code)
    t.equal(error.message, message)
    t.ok(isOpenApiError(error))
    t.equal(
      (error as unknown as Record<symbol, unknown>)[Symbol.for('quayside.openapi.error')],
      true,
    )
    t.end()
  })
}

t.test('codes are distinct', t => {
  t.equal(new Set(catalogue.map(([, code]) => code)).size, catalogue.length)
  t.end()
})

t.test('cause is forwarded; the guard accepts the brand and nothing else', t => {
  const cause = new Error('root')
  t.equal(new OpenApiError('ECS_OAS_BAD_MODEL', 'x', { cause }).cause, cause)
  const foreign = { [Symbol.for('quayside.openapi.error')]: true }
  t.ok(isOpenApiError(foreign), 'a copy from another realm still counts')
  const others: [string, unknown][] = [
    ['a plain Error', new Error('x')],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'OpenApiError'],
    ['a look-alike object', { name: 'OpenApiError', code: 'ECS_OAS_BAD_MODEL' }],
  ]
  for (const [label, value] of others) t.notOk(isOpenApiError(value), label)
  t.end()
})
