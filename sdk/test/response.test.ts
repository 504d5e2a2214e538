import t from 'tap'
import { EcsServiceError, ProtocolError } from '../src/errors.js'
import { parseError, parseOutput, sanitizeErrorName } from '../src/response.js'

const response = (statusCode: number, body: string, headers: Record<string, string> = {}) => ({
  statusCode,
  headers,
  body,
})

t.test('error names lose namespace prefixes and url suffixes', t => {
  const table: [string, string][] = [
    ['ClusterNotFoundException', 'ClusterNotFoundException'],
    ['com.amazonaws.ecs#ClusterNotFoundException', 'ClusterNotFoundException'],
    [
      'ClusterNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/',
      'ClusterNotFoundException',
    ],
    ['aws.protocoltests#Thing:http://x', 'Thing'],
    ['ThrottlingException,Other', 'ThrottlingException'],
  ]
  for (const [given, want] of table) t.equal(sanitizeErrorName(given), want, given)
  t.end()
})

t.test('parseError reads __type, message or Message, request id and extra members', t => {
  const e = parseError(
    'CreateService',
    response(
      400,
      JSON.stringify({
        __type: 'com.amazonaws.ecs#ConflictException',
        message: 'busy',
        resourceIds: ['a'],
      }),
      {
        'x-amzn-requestid': 'rid-1',
      },
    ),
  )
  t.ok(e instanceof EcsServiceError)
  t.match(e, {
    name: 'ConflictException',
    message: 'busy',
    statusCode: 400,
    requestId: 'rid-1',
    operation: 'CreateService',
    fault: 'client',
    code: 'ECS_SDK_SERVICE',
  })
  t.same(e.data, { resourceIds: ['a'] })
  t.equal(e.$response.statusCode, 400)

  const upper = parseError('X', response(400, '{"__type":"ClientException","Message":"Capital"}'))
  t.equal(upper.message, 'Capital')
  t.equal(upper.requestId, undefined)
  t.end()
})

t.test('the X-Amzn-ErrorType header wins over the body', t => {
  const e = parseError(
    'X',
    response(400, '{"__type":"Other"}', { 'x-amzn-errortype': 'ThrottlingException:http://x' }),
  )
  t.equal(e.name, 'ThrottlingException')
  t.equal(e.message, 'ThrottlingException', 'a missing message falls back to the name')
  t.end()
})

t.test('a body `code` names the error too; x-amz-request-id is read', t => {
  const e = parseError(
    'X',
    response(400, '{"code":"SerializationException"}', { 'x-amz-request-id': 'r2' }),
  )
  t.equal(e.name, 'SerializationException')
  t.equal(e.requestId, 'r2')
  t.end()
})

t.test('an answer with no error name is UnknownError with the status', t => {
  const html = parseError('X', response(502, '<html>Bad Gateway</html>'))
  t.match(html, { name: 'UnknownError', statusCode: 502, fault: 'server' })
  t.match(html.message, /^HTTP 502: <html>Bad Gateway/)
  t.equal(parseError('X', response(500, '[1]')).name, 'UnknownError')
  t.equal(parseError('X', response(500, '')).name, 'UnknownError')
  t.end()
})

t.test('parseOutput returns the JSON object or throws ProtocolError', t => {
  t.same(parseOutput('X', response(200, '{"a":1}')), { a: 1 })
  t.same(parseOutput('X', response(200, '  ')), {})
  t.throws(() => parseOutput('X', response(200, 'nope')), ProtocolError)
  t.throws(() => parseOutput('X', response(200, 'null')), {
    code: 'ECS_SDK_PROTOCOL',
    statusCode: 200,
  })
  t.end()
})
