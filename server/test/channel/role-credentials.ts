import t from 'tap'
import type { IAMRoleCredentialsMessage } from '@quayside/openapi/agent-protocol'
import { parseCredentials } from '../../src/auth/credentials.js'
import { ROLE_CREDENTIALS_TTL_MS } from '../../src/channel/role-credentials.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

const ROLE = 'arn:aws:iam::000000000000:role/app'
const OTHER_ROLE = 'arn:aws:iam::000000000000:role/unmapped'
const ROLE_ATTRIBUTE = [{ name: 'com.amazonaws.ecs.capability.task-iam-role' }]

t.test(
  'IAMRoleCredentialsRequest: the role key for a task of the asking instance only',
  async t => {
    const credentials = parseCredentials(
      JSON.stringify([
        { accessKeyId: 'test', secretAccessKey: 'test' },
        { accessKeyId: 'QSAKROLE', secretAccessKey: 'role-secret', roleArn: ROLE },
      ]),
      '000000000000',
      'test',
    )
    const server = await testServer(t, { credentials })
    const cluster = 'roles'
    await rawCall(server, 'CreateCluster', { clusterName: cluster })
    const container = { name: 'app', image: 'busybox', memory: 32 }
    for (const [family, taskRoleArn] of [
      ['with-role', ROLE],
      ['unmapped', OTHER_ROLE],
      ['no-role', undefined],
    ] as const)
      await rawCall(server, 'RegisterTaskDefinition', {
        family,
        containerDefinitions: [container],
        ...(taskRoleArn ? { taskRoleArn } : {}),
      })
    const mine = await fakeAgent(t, server, { cluster, attributes: ROLE_ATTRIBUTE })
    const other = await fakeAgent(t, server, { cluster, attributes: ROLE_ATTRIBUTE })
    await mine.connect()
    await other.connect()
    t.teardown(() => Promise.all([mine.close(), other.close()]))
    const start = async (family: string, overrides?: object): Promise<string> => {
      const r = await rawCall(server, 'StartTask', {
        cluster,
        taskDefinition: family,
        containerInstances: [mine.containerInstanceArn],
        ...(overrides ? { overrides } : {}),
      })
      return (r.body as { tasks: { taskArn: string }[] }).tasks[0]?.taskArn ?? ''
    }
    let n = 0
    const ask = async (agent: typeof mine, taskArn: string) =>
      (await agent.ask('IAMRoleCredentialsRequest', { messageId: `c${String(++n)}`, taskArn }))
        .message as IAMRoleCredentialsMessage

    const withRole = await start('with-role')
    const before = Date.now()
    const answer = await ask(mine, withRole)
    t.match(answer, {
      messageId: `c${String(n)}`,
      taskArn: withRole,
      roleType: 'TaskApplication',
      roleCredentials: { roleArn: ROLE, accessKeyId: 'QSAKROLE', secretAccessKey: 'role-secret' },
    })
    t.type(answer.roleCredentials?.sessionToken, 'string')
    const expires = Date.parse(answer.roleCredentials?.expiration ?? '')
    t.ok(expires >= before + ROLE_CREDENTIALS_TTL_MS - 1000, 'expiration a TTL ahead')

    const overridden = await start('no-role', { taskRoleArn: ROLE })
    t.equal((await ask(mine, overridden)).roleCredentials?.accessKeyId, 'QSAKROLE', 'override wins')

    const rows: { given: () => Promise<IAMRoleCredentialsMessage>; want: RegExp }[] = [
      { given: () => ask(other, withRole), want: /is not a task of this container instance/ },
      { given: async () => ask(mine, await start('no-role')), want: /has no taskRoleArn/ },
      {
        given: async () => ask(mine, await start('unmapped')),
        want: /has no key for arn:aws:iam::000000000000:role\/unmapped/,
      },
      {
        given: () => ask(mine, 'arn:aws:ecs:us-east-1:000000000000:task/roles/nope'),
        want: /not a task/,
      },
      {
        given: async () => {
          const arn = await start('with-role')
          await mine.report(arn, 'STOPPED', {
            containers: [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }],
          })
          return ask(mine, arn)
        },
        want: /has stopped/,
      },
    ]
    for (const { given, want } of rows) {
      const refused = await given()
      t.equal(refused.roleCredentials, undefined, String(want))
      t.match(refused.reason, want)
    }
  },
)
