import { loadSpec } from '@quayside/openapi'
import t from 'tap'
import {
  createAnswerChecker,
  jsonPath,
  type Answer,
  type AnswerMismatch,
} from '../../src/validation/answer-check.js'

const JSON_TYPE = 'application/x-amz-json-1.1'
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const body = (schema: object) => ({ content: { [JSON_TYPE]: { schema } } })
const errorShape = (name: string, httpStatus: number, extra: object = {}) => ({
  type: 'object',
  properties: { __type: { type: 'string', const: name }, message: { type: 'string' }, ...extra },
  required: ['__type'],
  'x-amz-error': { httpStatus, fault: httpStatus === 500 },
})

/** A spec of two operations, shaped as the generated one is. */
const spec = {
  paths: {
    '/ListThings': {
      post: {
        responses: {
          '200': body(ref('ListThingsResponse')),
          '400': body({ type: 'object', oneOf: [ref('ClientException')] }),
          '500': body(ref('ServerException')),
        },
      },
    },
    '/ForgetThing': {
      post: {
        responses: {
          '200': { description: 'Success, with an empty JSON object as the body.' },
          '400': body({ type: 'object', oneOf: [ref('ClientException')] }),
          '500': body(ref('ServerException')),
        },
      },
    },
    '/TagThing': {
      post: {
        responses: {
          '200': body(ref('TagThingResponse')),
          '400': body({
            type: 'object',
            oneOf: [ref('ClientException'), ref('NotFoundException')],
          }),
          '500': body(ref('ServerException')),
        },
      },
    },
  },
  components: {
    schemas: {
      ListThingsResponse: {
        type: 'object',
        properties: {
          things: { type: 'array', items: ref('Thing') },
          nextToken: { type: 'string' },
        },
      },
      TagThingResponse: { type: 'object', properties: {} },
      Thing: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          count: { type: 'integer' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          'odd-name': { type: 'string' },
        },
        required: ['name'],
      },
      ClientException: errorShape('ClientException', 400),
      NotFoundException: errorShape('NotFoundException', 400, {
        ids: { type: 'array', items: { type: 'string' } },
      }),
      ServerException: errorShape('ServerException', 500),
    },
  },
}

const check = createAnswerChecker(spec, {
  commonErrors: { ServerException: 500, SerializationException: 400, MissingTokenException: 403 },
  extraErrors: { ListThings: ['NotFoundException'] },
})

const cases: { name: string; given: Answer; want: AnswerMismatch[] }[] = [
  {
    name: 'an output as the spec has it',
    given: {
      operation: 'ListThings',
      status: 200,
      body: { things: [{ name: 'a', count: 1, labels: { any: 'x' } }], nextToken: 't' },
    },
    want: [],
  },
  {
    name: 'a member the shape lacks, named with the shape',
    given: { operation: 'ListThings', status: 200, body: { things: [{ name: 'a', extra: 1 }] } },
    want: [
      {
        operation: 'ListThings',
        path: '$.things[0].extra',
        message: 'is not a member of Thing in the spec',
      },
    ],
  },
  {
    name: 'a member of the response shape itself',
    given: { operation: 'TagThing', status: 200, body: { tags: [] } },
    want: [
      {
        operation: 'TagThing',
        path: '$.tags',
        message: 'is not a member of TagThingResponse in the spec',
      },
    ],
  },
  {
    name: 'a wrong type and a missing required member, all reported',
    given: { operation: 'ListThings', status: 200, body: { things: [{ count: '1' }] } },
    want: [
      {
        operation: 'ListThings',
        path: '$.things[0].name',
        message: 'is required by Thing and missing',
      },
      { operation: 'ListThings', path: '$.things[0].count', message: 'must be integer' },
    ],
  },
  {
    name: 'a map value of the wrong type',
    given: {
      operation: 'ListThings',
      status: 200,
      body: { things: [{ name: 'a', labels: { k: 1 } }] },
    },
    want: [{ operation: 'ListThings', path: '$.things[0].labels.k', message: 'must be string' }],
  },
  {
    name: 'a member whose name is not an identifier',
    given: {
      operation: 'ListThings',
      status: 200,
      body: { things: [{ name: 'a', 'odd-name': 2 }] },
    },
    want: [{ operation: 'ListThings', path: '$.things[0]["odd-name"]', message: 'must be string' }],
  },
  {
    name: 'a modeled error',
    given: {
      operation: 'TagThing',
      status: 400,
      body: { __type: 'NotFoundException', message: 'm', ids: ['a'] },
    },
    want: [],
  },
  {
    name: 'an error the operation does not model',
    given: {
      operation: 'ListThings',
      status: 400,
      body: { __type: 'OtherException', message: 'm' },
    },
    want: [
      {
        operation: 'ListThings',
        path: '$.__type',
        message:
          'OtherException is neither an error of ListThings (ClientException, ServerException) nor a common one',
      },
    ],
  },
  {
    name: 'an error allowed as an extra one is checked against its shape',
    given: {
      operation: 'ListThings',
      status: 400,
      body: { __type: 'NotFoundException', ids: [1] },
    },
    want: [{ operation: 'ListThings', path: '$.ids[0]', message: 'must be string' }],
  },
  {
    name: 'an error with a member its shape lacks',
    given: {
      operation: 'TagThing',
      status: 400,
      body: { __type: 'ClientException', message: 'm', why: 'x' },
    },
    want: [
      {
        operation: 'TagThing',
        path: '$.why',
        message: 'is not a member of ClientException in the spec',
      },
    ],
  },
  {
    name: 'a common error the spec does not have is exactly __type and message',
    given: {
      operation: 'TagThing',
      status: 400,
      body: { __type: 'SerializationException', message: 'm', x: 1 },
    },
    want: [
      { operation: 'TagThing', path: '$.x', message: 'is not a member of the shape in the spec' },
    ],
  },
  {
    name: 'a common error to a request that named no operation',
    given: {
      operation: undefined,
      status: 403,
      body: { __type: 'MissingTokenException', message: 'm' },
    },
    want: [],
  },
  {
    name: 'a modeled error to a request that named no operation',
    given: { operation: undefined, status: 400, body: { __type: 'ClientException' } },
    want: [
      {
        operation: '(none)',
        path: '$.__type',
        message: 'ClientException is neither an error of (none) (none) nor a common one',
      },
    ],
  },
  {
    name: 'an error with another status than the spec gives it',
    given: { operation: 'TagThing', status: 400, body: { __type: 'ServerException' } },
    want: [
      {
        operation: 'TagThing',
        path: '$',
        message: 'ServerException answered with HTTP 400, the spec says 500',
      },
    ],
  },
  {
    name: 'an error body without __type',
    given: { operation: 'TagThing', status: 400, body: { message: 'm' } },
    want: [
      {
        operation: 'TagThing',
        path: '$.__type',
        message: 'an HTTP 400 answer without a string __type',
      },
    ],
  },
  {
    name: 'an operation the spec lacks',
    given: { operation: 'Nope', status: 200, body: {} },
    want: [{ operation: 'Nope', path: '$', message: 'the spec has no operation Nope' }],
  },
  {
    name: 'an operation without output answers {}',
    given: { operation: 'ForgetThing', status: 200, body: {} },
    want: [],
  },
  {
    name: 'an operation without output answers members',
    given: { operation: 'ForgetThing', status: 200, body: { forgotten: true } },
    want: [
      {
        operation: 'ForgetThing',
        path: '$',
        message: 'the spec models no output: the answer must be {}',
      },
    ],
  },
  {
    name: 'a 200 to no operation',
    given: { operation: undefined, status: 200, body: {} },
    want: [
      { operation: '(none)', path: '$', message: 'a 200 answer, but the spec models no output' },
    ],
  },
]

t.test('answers against a small spec', t => {
  for (const { name, given, want } of cases) t.same(check(given), want, name)
  t.end()
})

t.test('answers against the ECS spec', t => {
  const ecs = createAnswerChecker(loadSpec(), { commonErrors: { ServerException: 500 } })
  const cluster = { clusterName: 'c', status: 'ACTIVE', registeredContainerInstancesCount: 0 }
  t.same(ecs({ operation: 'CreateCluster', status: 200, body: { cluster } }), [])
  t.same(
    ecs({
      operation: 'CreateCluster',
      status: 200,
      body: { cluster: { ...cluster, color: 'red' } },
    }),
    [
      {
        operation: 'CreateCluster',
        path: '$.cluster.color',
        message: 'is not a member of Cluster in the spec',
      },
    ],
  )
  t.same(
    ecs({
      operation: 'DescribeClusters',
      status: 200,
      body: { clusters: [{ tags: [{ key: 1 }] }] },
    }),
    [
      {
        operation: 'DescribeClusters',
        path: '$.clusters[0].tags[0].key',
        message: 'must be string',
      },
    ],
  )
  t.same(
    ecs({
      operation: 'RunTask',
      status: 400,
      body: { __type: 'ClusterNotFoundException', message: 'm' },
    }),
    [],
  )
  t.match(
    ecs({ operation: 'CreateCluster', status: 400, body: { __type: 'ClusterNotFoundException' } }),
    [{ path: '$.__type', message: /neither an error of CreateCluster/ }],
  )
  t.end()
})

t.test('jsonPath', t => {
  const paths: { given: [string, string?]; want: string }[] = [
    { given: [''], want: '$' },
    { given: ['', 'a'], want: '$.a' },
    { given: ['/tasks/0/containers'], want: '$.tasks[0].containers' },
    { given: ['/labels/a~1b', 'c d'], want: '$.labels["a/b"]["c d"]' },
  ]
  for (const { given, want } of paths) t.equal(jsonPath(...given), want, want)
  t.end()
})

t.test('compileAll compiles up front and checks the same', t => {
  const eager = createAnswerChecker(spec, { commonErrors: {}, compileAll: true })
  for (const { name, given, want } of cases.filter(c => c.given.status === 200))
    t.same(eager(given), want, name)
  t.end()
})
