// The other APIs in the policy table: `ssm:GetParameter` on parameter ARNs, `secretsmanager:*` on
// secret ARNs, checked the same way as ECS's actions; a key with a policy and no Allow is refused.
import t from 'tap'
import { actionName, actionOf } from '../../src/auth/actions.js'
import { parseCredentials } from '../../src/auth/credentials.js'
import { apiCall, testServer } from '../fixtures/server.js'

const scope = { account: '000000000000', region: 'us-east-1' }
const P = 'arn:aws:ssm:us-east-1:000000000000:parameter/'
const S = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:'

t.test('actions and resources from the input', t => {
  const cases = [
    {
      given: ['ssm:GetParameter', { Name: '/app/db' }],
      want: { action: 'ssm:GetParameter', group: 'read', resources: [`${P}app/db`] },
    },
    {
      given: ['ssm:PutParameter', { Name: 'plain' }],
      want: { action: 'ssm:PutParameter', group: 'write', resources: [`${P}plain`] },
    },
    {
      given: ['ssm:GetParameters', { Names: ['/a', `${P}b`] }],
      want: { action: 'ssm:GetParameters', group: 'read', resources: [`${P}a`, `${P}b`] },
    },
    {
      given: ['ssm:GetParametersByPath', { Path: '/app' }],
      want: { action: 'ssm:GetParametersByPath', group: 'read', resources: [`${P}app`] },
    },
    {
      given: ['ssm:DescribeParameters', {}],
      want: { action: 'ssm:DescribeParameters', group: 'read', resources: ['*'] },
    },
    {
      given: ['secretsmanager:GetSecretValue', { SecretId: 'db' }],
      want: { action: 'secretsmanager:GetSecretValue', group: 'read', resources: [`${S}db`] },
    },
    {
      given: ['secretsmanager:DeleteSecret', { SecretId: `${S}db-AbCdEf` }],
      want: { action: 'secretsmanager:DeleteSecret', group: 'write', resources: [`${S}db-AbCdEf`] },
    },
    {
      given: ['secretsmanager:ListSecrets', {}],
      want: { action: 'secretsmanager:ListSecrets', group: 'read', resources: ['*'] },
    },
    {
      given: ['RunTask', { taskDefinition: 'web' }],
      want: {
        action: 'ecs:RunTask',
        group: 'launch',
        resources: ['arn:aws:ecs:us-east-1:000000000000:task-definition/web:*'],
      },
    },
    { given: ['ssm:Nope', {}], want: { action: 'ssm:Nope', group: 'write', resources: ['*'] } },
  ] as const
  for (const { given, want } of cases) {
    const [operation, input] = given
    const row = actionOf(operation)
    t.same(
      { action: actionName(operation), group: row.group, resources: row.resources(input, scope) },
      want,
      operation,
    )
  }
  t.end()
})

t.test('policies allow and refuse the other APIs by their own actions', async t => {
  const credentials = parseCredentials(
    JSON.stringify([
      { accessKeyId: 'test', secretAccessKey: 'test' },
      {
        accessKeyId: 'app',
        secretAccessKey: 'a',
        user: 'app',
        policy: {
          Statement: [
            { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `${P}app/*` },
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${S}db*` },
          ],
        },
      },
      {
        accessKeyId: 'ops',
        secretAccessKey: 'o',
        policy: { Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] },
      },
    ]),
    '000000000000',
    'test',
  )
  const server = await testServer(t, { credentials })
  await apiCall(server, 'ssm', 'PutParameter', { Name: '/app/x', Value: 'v', Type: 'String' })
  await apiCall(server, 'ssm', 'PutParameter', { Name: '/other/x', Value: 'v', Type: 'String' })
  await apiCall(server, 'secretsmanager', 'CreateSecret', { Name: 'db', SecretString: 'v' })
  const app = { accessKeyId: 'app', secretAccessKey: 'a' }
  const ops = { accessKeyId: 'ops', secretAccessKey: 'o' }
  const cases = [
    { who: app, api: 'ssm', op: 'GetParameter', body: { Name: '/app/x' }, want: 200 },
    {
      who: app,
      api: 'ssm',
      op: 'GetParameter',
      body: { Name: '/other/x' },
      want: `User: arn:aws:iam::000000000000:user/app is not authorized to perform: ssm:GetParameter on resource: ${P}other/x because no identity-based policy allows the ssm:GetParameter action`,
    },
    {
      who: app,
      api: 'ssm',
      op: 'PutParameter',
      body: { Name: '/app/y', Value: 'v', Type: 'String' },
      want: /ssm:PutParameter/,
    },
    { who: app, api: 'secretsmanager', op: 'GetSecretValue', body: { SecretId: 'db' }, want: 200 },
    {
      who: app,
      api: 'secretsmanager',
      op: 'DescribeSecret',
      body: { SecretId: 'db' },
      want: /secretsmanager:DescribeSecret/,
    },
    {
      who: ops,
      api: 'ssm',
      op: 'GetParameter',
      body: { Name: '/app/x' },
      want: /no identity-based policy allows the ssm:GetParameter action/,
    },
  ] as const
  for (const { who, api, op, body, want } of cases) {
    const answer = await apiCall(server, api, op, body, { credentials: who })
    if (want === 200) t.equal(answer.status, 200, `${who.accessKeyId} ${op}`)
    else {
      t.equal(answer.status, 400)
      t.equal(answer.body['__type'], 'AccessDeniedException')
      t.match(answer.body['message'], want, `${who.accessKeyId} ${op}`)
    }
  }
  const unknown = await apiCall(
    server,
    'ssm',
    'GetParameter',
    { Name: '/app/x' },
    { credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' } },
  )
  t.same(
    [unknown.status, unknown.body['__type']],
    [400, 'UnrecognizedClientException'],
    'an unknown key is refused',
  )
})
