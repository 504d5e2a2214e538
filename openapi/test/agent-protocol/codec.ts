import t from 'tap'
import {
  encodeFrame,
  encodePayload,
  parseAgentFrame,
  parseServerFrame,
  payloadTask,
} from '../../src/agent-protocol/codec.js'

const arns = {
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/x',
  containerInstanceArn: 'arn:aws:ecs:us-east-1:000000000000:container-instance/x/1',
}

t.test('a payload of tasks given as JSON reads as the same frame', t => {
  const tasks = [
    { taskArn: 'arn:1', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' as const },
    { taskArn: 'a"b', taskDefinitionArn: 'd', desiredStatus: 'STOPPED' as const, tags: [] },
  ]
  const message = { messageId: 'id-"1"', ...arns }
  for (const full of [false, true]) {
    const text = encodePayload(
      { ...message, full },
      tasks.map(task => JSON.stringify(task)),
    )
    t.equal(text, encodeFrame({ type: 'PayloadMessage', message: { ...message, tasks, full } }))
    t.same(parseServerFrame(text), {
      type: 'PayloadMessage',
      message: { ...message, tasks, full },
    })
  }
  t.same(JSON.parse(encodePayload({ ...message, full: true }, [])), {
    type: 'PayloadMessage',
    message: { ...message, tasks: [], full: true },
  })
  t.end()
})

t.test('payload tasks: the ARNs are required, what the agent reads is made safe', t => {
  const rows: { given: unknown; want: unknown }[] = [
    {
      given: { taskArn: 'a', taskDefinitionArn: 'd' },
      want: { taskArn: 'a', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' },
    },
    {
      given: {
        taskArn: 'a',
        taskDefinitionArn: 'd',
        clusterArn: 'c',
        desiredStatus: 'STOPPED',
        overrides: { containerOverrides: [] },
        lastStatus: 'PENDING',
      },
      want: {
        taskArn: 'a',
        taskDefinitionArn: 'd',
        clusterArn: 'c',
        desiredStatus: 'STOPPED',
        overrides: { containerOverrides: [] },
        lastStatus: 'PENDING',
      },
    },
    {
      given: { taskArn: 'a', taskDefinitionArn: 'd', desiredStatus: 'PENDING', clusterArn: 3 },
      want: { taskArn: 'a', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' },
    },
    {
      given: { taskArn: 'a', taskDefinitionArn: 'd', overrides: null },
      want: { taskArn: 'a', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' },
    },
    { given: { taskArn: 'a' }, want: undefined },
    { given: { taskDefinitionArn: 'd' }, want: undefined },
    { given: [], want: undefined },
    { given: 3, want: undefined },
  ]
  for (const { given, want } of rows) t.strictSame(payloadTask(given), want, JSON.stringify(given))
  t.end()
})

t.test('server frames: what the agent acts on, and nothing else', t => {
  const role = {
    roleArn: 'arn:aws:iam::111111111111:role/app',
    accessKeyId: 'QSAKROLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: '2026-01-01T00:00:00.000Z',
  }
  const head = `"messageId":"m","clusterArn":"${arns.clusterArn}","containerInstanceArn":"${arns.containerInstanceArn}"`
  const task = { taskArn: 'a', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' }
  const rows: { given: string; want: unknown }[] = [
    {
      given: `{"type":"PayloadMessage","message":{${head},"tasks":[{"taskArn":"a","taskDefinitionArn":"d"},3,{"taskArn":"b"}],"full":true}}`,
      want: {
        type: 'PayloadMessage',
        message: { messageId: 'm', ...arns, tasks: [task], full: true },
      },
    },
    {
      given: `{"type":"PayloadMessage","message":{${head},"tasks":[]}}`,
      want: {
        type: 'PayloadMessage',
        message: { messageId: 'm', ...arns, tasks: [], full: false },
      },
    },
    { given: `{"type":"PayloadMessage","message":{${head}}}`, want: undefined },
    { given: '{"type":"PayloadMessage","message":{"messageId":"m","tasks":[]}}', want: undefined },
    {
      given: `{"type":"PayloadMessage","message":{${head.slice(16)},"tasks":[]}}`,
      want: undefined,
    },
    {
      given: '{"type":"HeartbeatMessage","message":{"messageId":"h","healthy":true}}',
      want: { type: 'HeartbeatMessage', message: { messageId: 'h', healthy: true } },
    },
    {
      given: '{"type":"HeartbeatAckRequest","message":{"messageId":"h"}}',
      want: { type: 'HeartbeatAckRequest', message: { messageId: 'h' } },
    },
    { given: '{"type":"HeartbeatMessage","message":{}}', want: undefined },
    { given: '{"type":"HeartbeatMessage","message":{"messageId":""}}', want: undefined },
    { given: '{"type":"HeartbeatAckRequest","message":{"messageId":7}}', want: undefined },
    {
      given: '{"type":"ErrorMessage","message":{"message":"bad"}}',
      want: { type: 'ErrorMessage', message: { message: 'bad' } },
    },
    {
      given: `{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c","taskArn":"a","roleType":"x","roleCredentials":${JSON.stringify({ ...role, extra: 1 })}}}`,
      want: {
        type: 'IAMRoleCredentialsMessage',
        message: {
          messageId: 'c',
          taskArn: 'a',
          roleType: 'TaskApplication',
          roleCredentials: role,
        },
      },
    },
    {
      given: `{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c","taskArn":"a","reason":"no key for the role"}}`,
      want: {
        type: 'IAMRoleCredentialsMessage',
        message: {
          messageId: 'c',
          taskArn: 'a',
          roleType: 'TaskApplication',
          reason: 'no key for the role',
        },
      },
    },
    {
      given: `{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c","taskArn":"a","roleCredentials":${JSON.stringify({ ...role, sessionToken: 3 })}}}`,
      want: {
        type: 'IAMRoleCredentialsMessage',
        message: {
          messageId: 'c',
          taskArn: 'a',
          roleType: 'TaskApplication',
          reason: 'no credentials',
        },
      },
    },
    {
      given: `{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c","taskArn":"a","roleCredentials":${JSON.stringify({ ...role, accessKeyId: '' })}}}`,
      want: {
        type: 'IAMRoleCredentialsMessage',
        message: {
          messageId: 'c',
          taskArn: 'a',
          roleType: 'TaskApplication',
          reason: 'no credentials',
        },
      },
    },
    {
      given: `{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c","taskArn":"a","roleCredentials":7}}`,
      want: {
        type: 'IAMRoleCredentialsMessage',
        message: {
          messageId: 'c',
          taskArn: 'a',
          roleType: 'TaskApplication',
          reason: 'no credentials',
        },
      },
    },
    { given: '{"type":"IAMRoleCredentialsMessage","message":{"messageId":"c"}}', want: undefined },
    { given: '{"type":"IAMRoleCredentialsMessage","message":{"taskArn":"a"}}', want: undefined },
    { given: '{"type":"AckRequest","message":{"messageId":"m"}}', want: undefined },
    { given: '{"type":"Other","message":{}}', want: undefined },
    { given: '{"type":"PayloadMessage","message":[]}', want: undefined },
    { given: '[]', want: undefined },
    { given: 'null', want: undefined },
    { given: 'not json', want: undefined },
  ]
  for (const { given, want } of rows) t.strictSame(parseServerFrame(given), want, given)
  t.end()
})

t.test('agent frames: what the server acts on, and nothing else', t => {
  const rows: { given: string; want: unknown }[] = [
    {
      given: '{"type":"AckRequest","message":{"messageId":"m","extra":1}}',
      want: { type: 'AckRequest', message: { messageId: 'm' } },
    },
    {
      given: '{"type":"HeartbeatMessage","message":{"messageId":"h","healthy":true}}',
      want: { type: 'HeartbeatMessage', message: { messageId: 'h', healthy: true } },
    },
    {
      given: '{"type":"HeartbeatMessage","message":{"messageId":"h"}}',
      want: { type: 'HeartbeatMessage', message: { messageId: 'h', healthy: false } },
    },
    {
      given: '{"type":"HeartbeatAckRequest","message":{"messageId":"h"}}',
      want: { type: 'HeartbeatAckRequest', message: { messageId: 'h' } },
    },
    {
      given: '{"type":"TaskListRequest","message":{"messageId":"l"}}',
      want: { type: 'TaskListRequest', message: { messageId: 'l' } },
    },
    {
      given: '{"type":"IAMRoleCredentialsRequest","message":{"messageId":"c","taskArn":"a"}}',
      want: { type: 'IAMRoleCredentialsRequest', message: { messageId: 'c', taskArn: 'a' } },
    },
    { given: '{"type":"IAMRoleCredentialsRequest","message":{"messageId":"c"}}', want: undefined },
    {
      given: JSON.stringify({
        type: 'PublishHealthRequest',
        message: {
          messageId: 'p',
          tasks: [
            {
              taskArn: 'a',
              containers: [
                { containerName: 'web', healthStatus: 'UNHEALTHY', statusSince: 1 },
                { containerName: 'x', healthStatus: 'SICK' },
                { healthStatus: 'HEALTHY' },
                'web',
              ],
            },
            { taskArn: '', containers: [] },
            { taskArn: 'b', containers: {} },
            7,
          ],
        },
      }),
      want: {
        type: 'PublishHealthRequest',
        message: {
          messageId: 'p',
          tasks: [
            { taskArn: 'a', containers: [{ containerName: 'web', healthStatus: 'UNHEALTHY' }] },
          ],
        },
      },
    },
    {
      given: '{"type":"PublishHealthRequest","message":{"messageId":"p","tasks":{}}}',
      want: undefined,
    },
    { given: '{"type":"AckRequest","message":{"messageId":""}}', want: undefined },
    { given: '{"type":"AckRequest","message":{"messageId":7}}', want: undefined },
    { given: '{"type":"PayloadMessage","message":{"messageId":"m"}}', want: undefined },
    { given: '{"type":"AckRequest"}', want: undefined },
    { given: '"AckRequest"', want: undefined },
    { given: '{', want: undefined },
  ]
  for (const { given, want } of rows) t.strictSame(parseAgentFrame(given), want, given)
  t.end()
})

t.test('a frame the agent encodes reads back as itself', t => {
  const frames = [
    { type: 'AckRequest', message: { messageId: 'm' } },
    { type: 'HeartbeatMessage', message: { messageId: 'h', healthy: true } },
    { type: 'HeartbeatAckRequest', message: { messageId: 'h' } },
    { type: 'TaskListRequest', message: { messageId: 'l' } },
    {
      type: 'PublishHealthRequest',
      message: {
        messageId: 'p',
        tasks: [{ taskArn: 'a', containers: [{ containerName: 'c', healthStatus: 'HEALTHY' }] }],
      },
    },
  ] as const
  for (const frame of frames) t.strictSame(parseAgentFrame(encodeFrame(frame)), frame, frame.type)
  t.end()
})
