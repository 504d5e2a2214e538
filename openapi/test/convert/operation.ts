// One operation into its path item, on a small model.
import t from 'tap'
import { AWS_JSON_1_1, clientErrors, convertOperation } from '../../src/convert/operation.js'
import type { Shapes } from '../../src/convert/shape.js'
import type { OperationModel } from '../../src/model/types.js'

const shapes: Shapes = {
  ListThingsRequest: { type: 'structure', members: {} },
  ListThingsResponse: { type: 'structure', members: {} },
  ServerException: { type: 'structure', members: {}, exception: true, fault: true },
  ClientException: { type: 'structure', members: {}, exception: true },
  AccessDeniedException: { type: 'structure', members: {}, exception: true },
}

const http = { method: 'POST', requestUri: '/' }
const listThings: OperationModel = {
  name: 'ListThings',
  http,
  input: { shape: 'ListThingsRequest' },
  output: { shape: 'ListThingsResponse' },
  errors: [
    { shape: 'ServerException' },
    { shape: 'ClientException' },
    { shape: 'AccessDeniedException' },
  ],
}
const paginator = {
  input_token: 'nextToken',
  limit_key: 'maxResults',
  output_token: 'nextToken',
  result_key: 'things',
}
const ctx = { shapes, targetPrefix: 'Prefix', summary: 'List things' }
const body = (ref: string) => ({
  content: { [AWS_JSON_1_1]: { schema: { $ref: `#/components/schemas/${ref}` } } },
})

t.test('a paginated operation with client errors', t => {
  t.strictSame(convertOperation('ListThings', listThings, { ...ctx, paginator }), {
    post: {
      operationId: 'ListThings',
      summary: 'List things',
      description:
        'Target `Prefix.ListThings`. Clients may also send this call as `POST /` with the `X-Amz-Target` header.',
      'x-amz-target': 'Prefix.ListThings',
      'x-paginator': {
        input_token: 'nextToken',
        output_token: 'nextToken',
        limit_key: 'maxResults',
        result_key: 'things',
      },
      parameters: [
        {
          name: 'X-Amz-Target',
          in: 'header',
          required: false,
          description:
            'Optional here: real AWS clients POST / with this header set to "Prefix.ListThings".',
          schema: { type: 'string', const: 'Prefix.ListThings' },
        },
      ],
      requestBody: { required: true, ...body('ListThingsRequest') },
      responses: {
        '200': { description: 'Success: ListThingsResponse.', ...body('ListThingsResponse') },
        '400': {
          description: 'A client error: AccessDeniedException, ClientException.',
          content: {
            [AWS_JSON_1_1]: {
              schema: {
                type: 'object',
                oneOf: [
                  { $ref: '#/components/schemas/AccessDeniedException' },
                  { $ref: '#/components/schemas/ClientException' },
                ],
                discriminator: {
                  propertyName: '__type',
                  mapping: {
                    AccessDeniedException: '#/components/schemas/AccessDeniedException',
                    ClientException: '#/components/schemas/ClientException',
                  },
                },
              },
            },
          },
        },
        '500': { description: 'A server fault (ServerException).', ...body('ServerException') },
      },
    },
  })
  t.end()
})

t.test('no input, no output, no client errors', t => {
  const bare: OperationModel = { name: 'Ping', http, errors: [{ shape: 'ServerException' }] }
  const post = convertOperation('Ping', bare, ctx)['post'] as Record<string, unknown>
  t.notOk('x-paginator' in post)
  t.strictSame(post['requestBody'], {
    required: true,
    content: { [AWS_JSON_1_1]: { schema: { type: 'object' } } },
  })
  t.strictSame(Object.keys(post['responses'] as object), ['200', '500'])
  t.strictSame((post['responses'] as Record<string, unknown>)['200'], {
    description: 'Success, with an empty JSON object as the body.',
  })
  t.same(clientErrors('Ping', { name: 'Ping', http }, shapes), [], 'no errors list at all')
  t.end()
})

t.test('unknown shapes are named', t => {
  const bad = (patch: Partial<OperationModel>) => () =>
    convertOperation('Bad', { ...listThings, ...patch }, ctx)
  t.throws(bad({ input: { shape: 'Nope' } }), {
    code: 'ECS_OAS_UNKNOWN_SHAPE',
    message: /Bad \(input\)/,
  })
  t.throws(bad({ output: { shape: 'Nope' } }), {
    code: 'ECS_OAS_UNKNOWN_SHAPE',
    message: /Bad \(output\)/,
  })
  t.throws(bad({ errors: [{ shape: 'Nope' }] }), {
    code: 'ECS_OAS_UNKNOWN_SHAPE',
    message: /Bad \(errors\)/,
  })
  const noFault = {
    ...ctx,
    shapes: { ...shapes, ServerException: undefined },
  } as unknown as typeof ctx
  t.throws(() => convertOperation('Bad', listThings, noFault), {
    code: 'ECS_OAS_UNKNOWN_SHAPE',
    message: 'shape "ServerException" (used by Bad (500)) is not in the model',
  })
  t.end()
})
