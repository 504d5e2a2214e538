/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return -- wire answers are read loosely here */
// TaskSecretsRequest: the server resolves a task's `secrets` and registry login from its SSM
// parameters and secrets for the instance running it, with ECS's reason when one is missing;
// DescribeTasks never shows a value. And RegisterTaskDefinition requires the execution role.
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { apiCall, rawCall, testServer } from '../fixtures/server.js'

const ROLE = 'arn:aws:iam::000000000000:role/exec'
const ATTRIBUTES = [
  { name: 'ecs.capability.secrets.ssm.environment-variables' },
  { name: 'ecs.capability.secrets.asm.environment-variables' },
  { name: 'ecs.capability.private-registry-authentication.secretsmanager' },
]

t.test('secrets resolved for the running instance only, never in DescribeTasks', async t => {
  const server = await testServer(t)
  const cluster = 'secrets'
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  await apiCall(server, 'ssm', 'PutParameter', {
    Name: '/app/db/password',
    Value: 'hunter2',
    Type: 'SecureString',
  })
  await apiCall(server, 'ssm', 'PutParameter', { Name: 'plain', Value: 'p1', Type: 'String' })
  const db = await apiCall(server, 'secretsmanager', 'CreateSecret', {
    Name: 'db',
    SecretString: '{"user":"app","password":"s3cret","port":5432}',
  })
  const login = await apiCall(server, 'secretsmanager', 'CreateSecret', {
    Name: 'registry',
    SecretString: '{"username":"robot","password":"pull-me"}',
  })
  const dbArn = db.body['ARN'] as string
  const secrets = [
    { name: 'DB_PASSWORD', valueFrom: '/app/db/password' },
    { name: 'BY_ARN', valueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain' },
    { name: 'DB_JSON', valueFrom: dbArn },
    { name: 'DB_USER', valueFrom: `${dbArn}:user::` },
    { name: 'DB_PORT', valueFrom: `${dbArn}:port:AWSCURRENT:` },
    { name: 'BY_NAME', valueFrom: 'db' },
  ]
  const registered = await rawCall(server, 'RegisterTaskDefinition', {
    family: 'with-secrets',
    executionRoleArn: ROLE,
    containerDefinitions: [
      {
        name: 'app',
        image: 'busybox',
        memory: 32,
        secrets,
        repositoryCredentials: { credentialsParameter: login.body['ARN'] },
      },
      { name: 'side', image: 'busybox', memory: 32 },
    ],
  })
  t.equal(registered.status, 200)
  const missing = [
    [
      'no-param',
      [{ name: 'X', valueFrom: '/not/there' }],
      /unable to retrieve secrets from ssm: .* invalid ssm parameters: \/not\/there$/,
    ],
    [
      'no-secret',
      [{ name: 'X', valueFrom: `${dbArn.slice(0, -9)}gone-AbCdEf` }],
      /unable to retrieve secret from asm: .*failed to fetch secret .*gone-AbCdEf from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret\.$/,
    ],
    ['no-key', [{ name: 'X', valueFrom: `${dbArn}:nokey::` }], /did not contain json key nokey/],
  ] as const
  for (const [family, list] of missing)
    await rawCall(server, 'RegisterTaskDefinition', {
      family,
      executionRoleArn: ROLE,
      containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32, secrets: list }],
    })
  const mine = await fakeAgent(t, server, { cluster, attributes: ATTRIBUTES })
  const other = await fakeAgent(t, server, { cluster, attributes: ATTRIBUTES })
  await mine.connect()
  await other.connect()
  t.teardown(() => Promise.all([mine.close(), other.close()]))
  const start = async (family: string): Promise<string> => {
    const r = await rawCall(server, 'StartTask', {
      cluster,
      taskDefinition: family,
      containerInstances: [mine.containerInstanceArn],
    })
    const arn = (r.body as any).tasks?.[0]?.taskArn as string | undefined
    if (arn === undefined) throw new Error(`StartTask ${family}: ${r.text}`)
    return arn
  }
  let n = 0
  const ask = async (agent: typeof mine, taskArn: string) =>
    (await agent.ask('TaskSecretsRequest', { messageId: `s${String(++n)}`, taskArn }))
      .message as any

  const taskArn = await start('with-secrets')
  const answer = await ask(mine, taskArn)
  t.same(answer, {
    messageId: `s${String(n)}`,
    taskArn,
    containers: [
      {
        containerName: 'app',
        environment: [
          { name: 'DB_PASSWORD', value: 'hunter2' },
          { name: 'BY_ARN', value: 'p1' },
          { name: 'DB_JSON', value: '{"user":"app","password":"s3cret","port":5432}' },
          { name: 'DB_USER', value: 'app' },
          { name: 'DB_PORT', value: '5432' },
          { name: 'BY_NAME', value: '{"user":"app","password":"s3cret","port":5432}' },
        ],
        registryAuth: { username: 'robot', password: 'pull-me' },
      },
      { containerName: 'side', environment: [] },
    ],
  })
  const refused = await ask(other, taskArn)
  t.match(refused, { reason: /is not a task of this container instance/ })
  t.notOk('containers' in refused)
  for (const [family, , reason] of missing) {
    const failed = await ask(mine, await start(family))
    t.match(
      failed.reason,
      /^ResourceInitializationError: unable to pull secrets or registry auth: /,
      family,
    )
    t.match(failed.reason, reason, family)
  }
  const described = await rawCall(server, 'DescribeTasks', { cluster, tasks: [taskArn] })
  for (const value of ['hunter2', 's3cret', 'pull-me'])
    t.notOk(described.text.includes(value), `DescribeTasks has no ${value}`)
  const definition = await rawCall(server, 'DescribeTaskDefinition', {
    taskDefinition: 'with-secrets',
  })
  t.match(definition.text, '/app/db/password', 'the definition shows the reference, as ECS does')
  t.notOk(definition.text.includes('hunter2'), 'and not the value')
})

t.test('secrets and repositoryCredentials require an executionRoleArn', async t => {
  const server = await testServer(t)
  const cases = [
    {
      given: { secrets: [{ name: 'A', valueFrom: '/a' }] },
      want: /container secrets, you must also specify a value for 'executionRoleArn'/,
    },
    {
      given: { repositoryCredentials: { credentialsParameter: 'login' } },
      want: /repository credentials, you must also specify a value for 'executionRoleArn'/,
    },
  ]
  for (const { given, want } of cases) {
    const container = { name: 'app', image: 'busybox', memory: 32, ...given }
    const refused = await rawCall(server, 'RegisterTaskDefinition', {
      family: 'f',
      containerDefinitions: [container],
    })
    t.same([refused.status, refused.body['__type']], [400, 'ClientException'])
    t.match(refused.body['message'], want)
    const ok = await rawCall(server, 'RegisterTaskDefinition', {
      family: 'f',
      executionRoleArn: ROLE,
      containerDefinitions: [container],
    })
    t.equal(ok.status, 200)
  }
})
