import t from 'tap'
import { apiCall, testServer } from '../../fixtures/server.js'

t.test(
  'FilterLogEvents matches across streams in time order; a bad pattern is refused',
  async t => {
    const server = await testServer(t)
    await apiCall(server, 'logs', 'CreateLogGroup', { logGroupName: 'g' })
    const now = Date.now()
    for (const [stream, messages] of [
      ['a', ['{"level":"error","n":1}', 'plain ERROR']],
      ['b', ['{"level":"info","n":2}', '{"level":"error","n":3}']],
    ] as const) {
      await apiCall(server, 'logs', 'CreateLogStream', { logGroupName: 'g', logStreamName: stream })
      await apiCall(server, 'logs', 'PutLogEvents', {
        logGroupName: 'g',
        logStreamName: stream,
        logEvents: messages.map((message, i) => ({
          timestamp: now + i * 2 + (stream === 'b' ? 1 : 0),
          message,
        })),
      })
    }
    const json = await apiCall(server, 'logs', 'FilterLogEvents', {
      logGroupName: 'g',
      filterPattern: '{ $.level = "error" }',
    })
    t.same(
      (json.body['events'] as { logStreamName: string; message: string }[]).map(e => [
        e.logStreamName,
        e.message,
      ]),
      [
        ['a', '{"level":"error","n":1}'],
        ['b', '{"level":"error","n":3}'],
      ],
    )
    const paged = await apiCall(server, 'logs', 'FilterLogEvents', { logGroupName: 'g', limit: 3 })
    t.equal((paged.body['events'] as unknown[]).length, 3)
    const rest = await apiCall(server, 'logs', 'FilterLogEvents', {
      logGroupName: 'g',
      limit: 3,
      nextToken: paged.body['nextToken'],
    })
    t.equal((rest.body['events'] as unknown[]).length, 1)
    t.notOk('nextToken' in rest.body)
    const bad = await apiCall(server, 'logs', 'FilterLogEvents', {
      logGroupName: 'g',
      filterPattern: '{ $.level = ',
    })
    t.same([bad.status, bad.body['__type']], [400, 'InvalidParameterException'])
    const missing = await apiCall(server, 'logs', 'FilterLogEvents', { logGroupName: 'nope' })
    t.same([missing.status, missing.body['__type']], [400, 'ResourceNotFoundException'])
  },
)
