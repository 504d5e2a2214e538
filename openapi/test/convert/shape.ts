// Given/want table for every shape kind (openapi-typescript style): a tiny model in, the exact
// schema out. The whole-model checks live in test/spec/model.ts.
import t from 'tap'
import { isOpenApiError } from '../../src/errors.js'
import {
  convertShape,
  describedRef,
  isComponentShape,
  schemaForRef,
} from '../../src/convert/shape.js'
import type { Shapes } from '../../src/convert/shape.js'
import type { Shape } from '../../src/model/types.js'

const shapes: Shapes = {
  String: { type: 'string' },
  Name: { type: 'string', min: 1, max: 255, pattern: '[a-z]+' },
  Status: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
  Integer: { type: 'integer' },
  Tag: { type: 'structure', members: { key: { shape: 'Name' }, value: { shape: 'String' } } },
  Tags: { type: 'list', member: { shape: 'Tag' }, max: 50 },
}

const cases: [string, { given: Shape; want: object }][] = [
  ['plain string', { given: { type: 'string' }, want: { type: 'string', description: 'String.' } }],
  [
    'string with limits and pattern',
    {
      given: { type: 'string', min: 1, max: 30, pattern: '[a-z]+' },
      want: {
        type: 'string',
        description: 'String, 1 to 30 characters, pattern `[a-z]+`.',
        minLength: 1,
        maxLength: 30,
        pattern: '[a-z]+',
      },
    },
  ],
  [
    'enum string',
    {
      given: { type: 'string', enum: ['EC2', 'FARGATE'] },
      want: {
        type: 'string',
        description: 'X: string, one of EC2, FARGATE.',
        enum: ['EC2', 'FARGATE'],
      },
    },
  ],
  [
    'sensitive string',
    {
      given: { type: 'string', sensitive: true },
      want: {
        type: 'string',
        description: 'String. Sensitive: keep it out of logs.',
        'x-amz-sensitive': true,
      },
    },
  ],
  [
    'integer with range',
    {
      given: { type: 'integer', min: 0, max: 100 },
      want: {
        type: 'integer',
        format: 'int32',
        description: '32-bit integer, 0 to 100.',
        minimum: 0,
        maximum: 100,
      },
    },
  ],
  [
    'long',
    {
      given: { type: 'long' },
      want: { type: 'integer', format: 'int64', description: '64-bit integer.' },
    },
  ],
  [
    'double with a minimum',
    {
      given: { type: 'double', min: 0.5 },
      want: {
        type: 'number',
        format: 'double',
        description: 'Number (double), at least 0.5.',
        minimum: 0.5,
      },
    },
  ],
  [
    'deprecated float',
    {
      given: { type: 'float', deprecated: true },
      want: {
        type: 'number',
        format: 'double',
        description: 'Number (double). Deprecated.',
        deprecated: true,
      },
    },
  ],
  ['boolean', { given: { type: 'boolean' }, want: { type: 'boolean', description: 'Boolean.' } }],
  [
    'timestamp',
    {
      given: { type: 'timestamp' },
      want: {
        type: 'number',
        description:
          'Timestamp: seconds since the Unix epoch as a JSON number (fractions allowed).',
        'x-amz-timestamp': 'epoch-seconds',
      },
    },
  ],
  [
    'list of structures with limits',
    {
      given: { type: 'list', member: { shape: 'Tag' }, min: 1, max: 10 },
      want: {
        type: 'array',
        description: 'X: list of Tag, 1 to 10 items.',
        items: {
          $ref: '#/components/schemas/Tag',
          description: 'Tag object with 2 members, none required.',
        },
        minItems: 1,
        maxItems: 10,
      },
    },
  ],
  [
    'list of inlined strings, deprecated and sensitive',
    {
      given: {
        type: 'list',
        member: { shape: 'Name' },
        deprecated: true,
        deprecatedSince: '2023-04-15',
        sensitive: true,
      },
      want: {
        type: 'array',
        description:
          'X: list of Name. Deprecated since 2023-04-15. Sensitive: keep it out of logs.',
        items: {
          type: 'string',
          description: 'String, 1 to 255 characters, pattern `[a-z]+`.',
          minLength: 1,
          maxLength: 255,
          pattern: '[a-z]+',
        },
        deprecated: true,
        'x-amz-sensitive': true,
      },
    },
  ],
  [
    'map with unconstrained keys',
    {
      given: { type: 'map', key: { shape: 'String' }, value: { shape: 'Integer' } },
      want: {
        type: 'object',
        description: 'X: map from String keys to Integer values.',
        additionalProperties: { type: 'integer', format: 'int32', description: '32-bit integer.' },
      },
    },
  ],
  [
    'map with enum keys and limits',
    {
      given: {
        type: 'map',
        key: { shape: 'Status' },
        value: { shape: 'Tags' },
        min: 1,
        max: 2,
        deprecated: true,
        sensitive: true,
      },
      want: {
        type: 'object',
        description:
          'X: map from Status keys to Tags values, 1 to 2 entries. Deprecated. Sensitive: keep it out of logs.',
        additionalProperties: {
          $ref: '#/components/schemas/Tags',
          description: 'Tags: list of Tag, at most 50 items.',
        },
        propertyNames: {
          $ref: '#/components/schemas/Status',
          description: 'Status: string, one of ACTIVE, INACTIVE.',
        },
        minProperties: 1,
        maxProperties: 2,
        deprecated: true,
        'x-amz-sensitive': true,
      },
    },
  ],
  [
    'structure with required, inlined, referenced and special members',
    {
      given: {
        type: 'structure',
        members: {
          name: { shape: 'Name' },
          status: { shape: 'Status', deprecated: true, deprecatedSince: '2024-01-01' },
          tags: { shape: 'Tags' },
          clientToken: { shape: 'String', idempotencyToken: true },
        },
        required: ['name'],
        deprecated: true,
        sensitive: true,
      },
      want: {
        type: 'object',
        description:
          'X object with 4 members, required: name. Deprecated. Sensitive: keep it out of logs.',
        properties: {
          name: {
            type: 'string',
            description: 'Required. String, 1 to 255 characters, pattern `[a-z]+`.',
            minLength: 1,
            maxLength: 255,
            pattern: '[a-z]+',
          },
          status: {
            $ref: '#/components/schemas/Status',
            description:
              'Optional. Status: string, one of ACTIVE, INACTIVE. Deprecated since 2024-01-01.',
            deprecated: true,
          },
          tags: {
            $ref: '#/components/schemas/Tags',
            description: 'Optional. Tags: list of Tag, at most 50 items.',
          },
          clientToken: {
            type: 'string',
            description:
              'Optional. String. Idempotency token: a retry with the same value does not repeat the call.',
            'x-amz-idempotency-token': true,
          },
        },
        required: ['name'],
        deprecated: true,
        'x-amz-sensitive': true,
      },
    },
  ],
  [
    'client error',
    {
      given: { type: 'structure', members: { message: { shape: 'String' } }, exception: true },
      want: {
        type: 'object',
        description: 'X error: the response body of HTTP 400 (a client error), with `__type` "X".',
        properties: {
          __type: {
            type: 'string',
            const: 'X',
            description: 'Required. The error name, always "X".',
          },
          message: { type: 'string', description: 'Optional. String.' },
        },
        required: ['__type'],
        'x-amz-error': { httpStatus: 400, fault: false },
      },
    },
  ],
  [
    'server fault with a required member',
    {
      given: {
        type: 'structure',
        members: { message: { shape: 'String' } },
        required: ['message'],
        exception: true,
        fault: true,
      },
      want: {
        type: 'object',
        description: 'X error: the response body of HTTP 500 (a server fault), with `__type` "X".',
        properties: {
          __type: {
            type: 'string',
            const: 'X',
            description: 'Required. The error name, always "X".',
          },
          message: { type: 'string', description: 'Required. String.' },
        },
        required: ['__type', 'message'],
        'x-amz-error': { httpStatus: 500, fault: true },
      },
    },
  ],
  [
    'document',
    {
      given: { type: 'structure', members: {}, document: true },
      want: { description: 'X: any JSON value (a free-form document).', 'x-amz-document': true },
    },
  ],
  [
    'empty structure',
    {
      given: { type: 'structure', members: {} },
      want: {
        type: 'object',
        description: 'X object with 0 members, none required.',
        properties: {},
      },
    },
  ],
]

for (const [name, { given, want }] of cases) {
  t.test(name, t => {
    t.strictSame(convertShape('X', given, shapes), want)
    t.end()
  })
}

t.test('which shapes are components', t => {
  t.same(
    Object.entries(shapes).map(([name, shape]) => [name, isComponentShape(shape)]),
    [
      ['String', false],
      ['Name', false],
      ['Status', true],
      ['Integer', false],
      ['Tag', true],
      ['Tags', true],
    ],
  )
  t.end()
})

t.test('references: $ref for components, the inlined schema for scalars', t => {
  t.strictSame(schemaForRef(shapes, { shape: 'Tag' }, 'here'), { $ref: '#/components/schemas/Tag' })
  t.strictSame(schemaForRef(shapes, { shape: 'Integer' }, 'here'), {
    type: 'integer',
    format: 'int32',
    description: '32-bit integer.',
  })
  t.strictSame(describedRef(shapes, { shape: 'Status' }, 'here'), {
    $ref: '#/components/schemas/Status',
    description: 'Status: string, one of ACTIVE, INACTIVE.',
  })
  t.end()
})

t.test('a blob is base64 text (the Secrets Manager model has them)', t => {
  t.same(
    convertShape('SecretBinaryType', { type: 'blob', sensitive: true, min: 1, max: 65536 }, shapes),
    {
      type: 'string',
      contentEncoding: 'base64',
      description: 'Bytes, sent as base64 text, 1 to 65536 bytes. Sensitive: keep it out of logs.',
      'x-amz-sensitive': true,
    },
  )
  t.end()
})

t.test('bad input is an OpenApiError naming the culprit', t => {
  const unknown = () => convertShape('X', { type: 'list', member: { shape: 'Nope' } }, shapes)
  t.throws(unknown, {
    code: 'ECS_OAS_UNKNOWN_SHAPE',
    message: 'shape "Nope" (used by X (member)) is not in the model',
  })
  const inherited = () => schemaForRef(shapes, { shape: 'toString' }, 'Y.z')
  t.throws(inherited, { code: 'ECS_OAS_UNKNOWN_SHAPE' }, 'only own shapes count')
  const union = () => convertShape('B', { type: 'union' } as unknown as Shape, shapes)
  t.throws(union, {
    code: 'ECS_OAS_UNSUPPORTED_SHAPE',
    message: 'shape "B" has unsupported type "union"',
  })
  try {
    union()
  } catch (error) {
    t.ok(isOpenApiError(error))
  }
  t.end()
})
