/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- wire answers are read loosely */
import aws4 from 'aws4'
import t from 'tap'
import WebSocket from 'ws'
import { allows, authorize } from '../../src/auth/authorize.js'
import { parseCredentials } from '../../src/auth/credentials.js'
import type { RunningServer } from '../../src/main.js'
import { rawCall, testServer } from '../fixtures/server.js'

const ACCOUNT = '000000000000'
const P = `arn:aws:ecs:us-east-1:${ACCOUNT}:`

/** test/test (no policy), a read-only key, a key for clusters dev*, an agent key for one cluster. */
const credentials = parseCredentials(
  JSON.stringify([
    { accessKeyId: 'test', secretAccessKey: 'test' },
    {
      accessKeyId: 'reader',
      secretAccessKey: 'r',
      user: 'reader',
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: '*' }],
      },
    },
    {
      accessKeyId: 'dev',
      secretAccessKey: 'd',
      user: 'dev',
      policy: {
        Statement: [
          { Effect: 'Allow', Action: 'ecs:*', Resource: `arn:aws:ecs:*:*:cluster/dev*` },
          { Effect: 'Allow', Action: 'ecs:CreateCluster', Resource: '*' },
          { Effect: 'Deny', Action: 'ecs:DeleteCluster', Resource: `${P}cluster/dev-keep` },
        ],
      },
    },
    { accessKeyId: 'host', secretAccessKey: 'h', user: 'host', policy: 'agent' },
    {
      accessKeyId: 'host-a',
      secretAccessKey: 'ha',
      policy: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['ecs:Poll', 'ecs:RegisterContainerInstance'],
            Resource: `${P}cluster/a`,
          },
        ],
      },
    },
  ]),
  ACCOUNT,
  'test',
)
const key = (id: string) => {
  const c = credentials.get(id)
  if (!c) throw new Error(id)
  return c
}
const as = (id: string) => ({ accessKeyId: id, secretAccessKey: key(id).secretAccessKey })

t.test('authorize names the principal, action and resource as ECS does', t => {
  const scope = { account: ACCOUNT, region: 'us-east-1' }
  t.doesNotThrow(() => {
    authorize(key('test'), 'DeleteCluster', { cluster: 'x' }, scope)
  }, 'a key without a policy may do everything')
  t.doesNotThrow(() => {
    authorize(key('reader'), 'DescribeClusters', { clusters: ['a', 'b'] }, scope)
  })
  t.throws(
    () => {
      authorize(key('reader'), 'RunTask', { taskDefinition: 'web:1' }, scope)
    },
    {
      shapeName: 'AccessDeniedException',
      httpStatus: 400,
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ecs:RunTask on resource: ${P}task-definition/web:1 because no identity-based policy allows the ecs:RunTask action`,
    },
  )
  t.throws(
    () => {
      authorize(key('dev'), 'DeleteCluster', { cluster: 'dev-keep' }, scope)
    },
    {
      shapeName: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: ecs:DeleteCluster on resource: ${P}cluster/dev-keep with an explicit deny in an identity-based policy`,
    },
  )
  t.throws(
    () => {
      authorize(key('dev'), 'DescribeClusters', { clusters: ['dev-1', 'prod'] }, scope)
    },
    { message: /on resource: .*cluster\/prod because/ },
    'every resource of a batch call is checked',
  )
  t.equal(allows(key('host-a'), 'ecs:Poll', `${P}cluster/a`), true)
  t.equal(allows(key('host-a'), 'ecs:Poll', `${P}cluster/b`), false)
  t.equal(allows(key('test'), 'ecs:Poll', `${P}cluster/b`), true)
  t.end()
})

t.test(
  'through the server: denied calls answer AccessDeniedException, allowed ones pass',
  async t => {
    const server = await testServer(t, { credentials })
    t.equal((await rawCall(server, 'CreateCluster', { clusterName: 'prod' })).status, 200)

    const denied = await rawCall(
      server,
      'DeleteCluster',
      { cluster: 'prod' },
      { credentials: as('reader') },
    )
    t.equal(denied.status, 400)
    t.equal(denied.headers['x-amzn-errortype'], 'AccessDeniedException')
    t.same(denied.body, {
      __type: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ecs:DeleteCluster on resource: ${P}cluster/prod because no identity-based policy allows the ecs:DeleteCluster action`,
    })
    const read = await rawCall(
      server,
      'DescribeClusters',
      { clusters: ['prod'] },
      { credentials: as('reader') },
    )
    t.equal(read.status, 200)
    t.equal((read.body as any).clusters[0].status, 'ACTIVE', 'the denied delete did not happen')

    t.equal(
      (await rawCall(server, 'CreateCluster', { clusterName: 'dev-1' }, { credentials: as('dev') }))
        .status,
      200,
    )
    t.equal(
      (await rawCall(server, 'DeleteCluster', { cluster: 'dev-1' }, { credentials: as('dev') }))
        .status,
      200,
    )
    t.equal(
      (await rawCall(server, 'DeleteCluster', { cluster: 'prod' }, { credentials: as('dev') }))
        .body['__type'],
      'AccessDeniedException',
    )

    // the agent policy: registration and reports, but no launching, stopping or reading
    const host = as('host')
    t.equal((await rawCall(server, 'DiscoverPollEndpoint', {}, { credentials: host })).status, 200)
    for (const [operation, input] of [
      ['RunTask', { cluster: 'prod', taskDefinition: 'web' }],
      ['StopTask', { cluster: 'prod', task: '0123456789abcdef0123456789abcdef' }],
      ['DescribeTasks', { cluster: 'prod', tasks: ['0123456789abcdef0123456789abcdef'] }],
      ['ListTasks', { cluster: 'prod' }],
      ['CreateService', { cluster: 'prod', serviceName: 's' }],
      [
        'RegisterTaskDefinition',
        { family: 'x', containerDefinitions: [{ name: 'x', image: 'x', memory: 8 }] },
      ],
    ] as const) {
      const r = await rawCall(server, operation, input, { credentials: host })
      t.equal(r.body['__type'], 'AccessDeniedException', `agent key: ${operation}`)
    }
    t.equal(
      (await rawCall(server, 'RunTask', { cluster: 'prod', taskDefinition: 'web' })).body['__type'],
      'ClientException',
      'the full key goes on to the handler',
    )

    // the input is validated before the policy is applied: a bad one is the same error for every key
    const invalid = await rawCall(
      server,
      'RunTask',
      { taskDefinition: 5 },
      { credentials: as('reader') },
    )
    t.equal(invalid.body['__type'], 'SerializationException')
  },
)

function openChannel(server: RunningServer, id: string, cluster: string, instance: string) {
  const url = new URL(server.url)
  const path = `/ws?clusterArn=${encodeURIComponent(cluster)}&containerInstanceArn=${encodeURIComponent(instance)}`
  const signed = aws4.sign(
    { host: url.host, path, method: 'GET', service: 'ecs', region: 'us-east-1', headers: {} },
    as(id),
  )
  return new Promise<number>(resolve => {
    const ws = new WebSocket(`ws://${url.host}${path}`, {
      headers: signed.headers as Record<string, string>,
    })
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', () => {
      resolve(-1)
    })
  })
}

t.test('an agent channel opens only for a key allowed ecs:Poll on the cluster', async t => {
  const server = await testServer(t, { credentials })
  const register = async (cluster: string, id: string) => {
    await rawCall(server, 'CreateCluster', { clusterName: cluster })
    const r = await rawCall(
      server,
      'RegisterContainerInstance',
      {
        cluster,
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
        ],
      },
      { credentials: as(id) },
    )
    t.equal(r.status, 200, `${id} registers in ${cluster}`)
    return (r.body as any).containerInstance.containerInstanceArn as string
  }
  const inA = await register('a', 'host-a')
  const inB = await register('b', 'host')
  t.equal(await openChannel(server, 'host-a', 'a', inA), 101, 'its own cluster')
  t.equal(await openChannel(server, 'host-a', 'b', inB), 403, 'another cluster')
  t.equal(await openChannel(server, 'host', 'b', inB), 101, 'the agent policy polls anywhere')
  t.equal(await openChannel(server, 'reader', 'b', inB), 403, 'a key without ecs:Poll')
  t.equal(await openChannel(server, 'test', 'a', inA), 101, 'a key without a policy')
})
