import t from 'tap'
import type { Test } from 'tap'
import { awsEndpoint, ECS } from '../src/client.js'
import { processSource } from '../src/credentials.js'
import { isEcsServiceError } from '../src/errors.js'
import { PAGINATORS, WAITERS } from '../src/generated/helpers.js'
import { operationNames } from '../src/generated/operations.js'
import type { Transport } from '../src/transport.js'
import { fail, ok, stubServer, testCredentials } from './fixtures/stub-server.js'
import type { Handler } from './fixtures/stub-server.js'

const target = (operation: string) => `AmazonEC2ContainerServiceV20141113.${operation}`
const operationOf = (header: unknown) => String(header).split('.')[1] ?? ''
const fastRetry = { baseDelayMs: 1, maxDelayMs: 2 }

async function client(
  t: Test,
  handler: Handler,
  options: ConstructorParameters<typeof ECS>[0] = {},
) {
  const server = await stubServer(handler)
  const ecs = new ECS({
    endpoint: server.url,
    credentials: testCredentials,
    retry: fastRetry,
    ...options,
  })
  t.teardown(async () => {
    await ecs.close()
    await server.close()
  })
  return { ecs, server }
}

t.test('every operation is a method that POSTs its target as AWS JSON 1.1', async t => {
  const { ecs, server } = await client(t, () => ok({ echoed: true }))
  t.equal(operationNames.length, 77)
  const methods = ecs as unknown as Record<string, (input?: object) => Promise<unknown>>
  for (const name of operationNames) {
    const method = name.charAt(0).toLowerCase() + name.slice(1)
    t.same(await methods[method]!.call(ecs, { probe: name }), { echoed: true }, method)
  }
  t.equal(server.requests.length, 77)
  for (const [i, name] of operationNames.entries()) {
    const request = server.requests[i]!
    t.equal(request.method, 'POST')
    t.equal(request.url, '/')
    t.equal(request.headers['x-amz-target'], target(name))
    t.equal(request.headers['content-type'], 'application/x-amz-json-1.1')
    t.same(JSON.parse(request.body), { probe: name })
  }
})

t.test('operations without required input may be called with none', async t => {
  const { ecs, server } = await client(t, () => ok({ clusterArns: [] }))
  await ecs.listClusters()
  t.equal(server.requests[0]?.body, '{}')
  t.match(
    server.requests[0]?.headers['authorization'],
    /Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/ecs\/aws4_request/,
  )
})

t.test('every paginator walks the pages of its operation', async t => {
  const { ecs, server } = await client(t, request => {
    const spec = PAGINATORS[operationOf(request.headers['x-amz-target']) as keyof typeof PAGINATORS]
    const token = (JSON.parse(request.body) as Record<string, unknown>)['nextToken']
    return ok(
      token ? { [spec.resultKey]: ['second'] } : { [spec.resultKey]: ['first'], nextToken: 'p2' },
    )
  })
  const paginators = ecs.paginate as unknown as Record<
    string,
    (input?: object) => AsyncIterable<unknown>
  >
  const names = Object.keys(PAGINATORS)
  t.equal(names.length, 9)
  for (const name of names) {
    const items: unknown[] = []
    const input =
      name === 'ListAttributes'
        ? { targetType: 'container-instance' }
        : name === 'ListServicesByNamespace'
          ? { namespace: 'ns' }
          : undefined
    for await (const item of paginators[name.charAt(0).toLowerCase() + name.slice(1)]!.call(
      ecs.paginate,
      input,
    ))
      items.push(item)
    t.same(items, ['first', 'second'], name)
  }
  t.equal(server.requests.length, 18)
})

t.test('every waiter polls its operation', async t => {
  const { ecs, server } = await client(t, () => ok({}))
  const waiters = ecs.waitFor as unknown as Record<
    string,
    (input: object, options: object) => Promise<unknown>
  >
  const names = Object.keys(WAITERS)
  t.equal(names.length, 9)
  for (const name of names) {
    const method = name.charAt(0).toLowerCase() + name.slice(1)
    await t.rejects(
      waiters[method]!.call(ecs.waitFor, {}, { maxWaitSeconds: 0 }),
      { name: 'WaiterTimeoutError' },
      name,
    )
    const spec = WAITERS[name as keyof typeof WAITERS]
    t.equal(server.requests.at(-1)?.headers['x-amz-target'], target(spec.operation))
  }
})

t.test('tasksRunning resolves with the output once every task runs', async t => {
  let polls = 0
  const { ecs } = await client(t, () =>
    ok({ tasks: [{ lastStatus: ++polls < 3 ? 'PENDING' : 'RUNNING' }], failures: [] }),
  )
  const output = await ecs.waitFor.tasksRunning(
    { tasks: ['t'] },
    { minDelay: 0.005, maxDelay: 0.01 },
  )
  t.equal(output.tasks?.[0]?.lastStatus, 'RUNNING')
  t.equal(polls, 3)
})

t.test('throttling is retried until it succeeds', async t => {
  const { ecs, server } = await client(t, (_r, i) =>
    i < 2 ? fail(400, 'ThrottlingException', 'Rate exceeded') : ok({ clusterArns: ['a'] }),
  )
  t.same(await ecs.listClusters(), { clusterArns: ['a'] })
  t.equal(server.requests.length, 3)
  const dates = new Set(server.requests.map(r => r.headers['authorization']))
  t.equal(dates.size >= 1, true, 'each attempt is signed')
})

t.test('5xx is retried; a non-throttling 4xx is not', async t => {
  const { ecs, server } = await client(t, (_r, i) =>
    i === 0 ? fail(500, 'ServerException') : fail(400, 'ClientException', 'bad'),
  )
  const error = await ecs.describeTaskDefinition({ taskDefinition: 'x' }).catch((e: unknown) => e)
  t.match(error, { name: 'ClientException', statusCode: 400, message: 'bad' })
  t.equal(server.requests.length, 2)
})

t.test('retries give up after maxAttempts; per-call options override', async t => {
  const { ecs, server } = await client(t, () => fail(503, 'ServiceUnavailable'), {
    retry: { maxAttempts: 4, ...fastRetry },
  })
  await t.rejects(ecs.listClusters(), { name: 'ServiceUnavailable', fault: 'server' })
  t.equal(server.requests.length, 4)
  await t.rejects(ecs.listClusters({}, { retry: { maxAttempts: 1 } }), {
    name: 'ServiceUnavailable',
    statusCode: 503,
  })
  t.equal(server.requests.length, 5)
})

t.test('connection refused is retried, then a NetworkError', async t => {
  const server = await stubServer(() => ok())
  await server.close()
  const ecs = new ECS({ endpoint: server.url, credentials: testCredentials, retry: fastRetry })
  t.teardown(() => ecs.close())
  await t.rejects(ecs.listClusters(), { name: 'NetworkError', code: 'ECS_SDK_NETWORK' })
})

t.test('service errors: prefixes and suffixes stripped, narrowed per operation', async t => {
  const { ecs } = await client(t, () => ({
    status: 400,
    body: {
      __type: 'com.amazonaws.ecs#ClusterNotFoundException:http://internal/',
      Message: 'Cluster not found.',
    },
  }))
  const error = await ecs.describeServices({ services: ['s'] }).catch((e: unknown) => e)
  t.ok(isEcsServiceError(error, 'DescribeServices'))
  if (isEcsServiceError(error, 'DescribeServices')) {
    t.equal(error.name, 'ClusterNotFoundException')
    t.equal(error.message, 'Cluster not found.')
    t.equal(error.requestId, 'req-1')
    t.equal(error.operation, 'DescribeServices')
  }
})

t.test('timeouts and aborts', async t => {
  const { ecs } = await client(t, () => ({ ...ok(), delayMs: 500 }), { retry: { maxAttempts: 1 } })
  await t.rejects(ecs.listClusters({}, { timeoutMs: 30 }), { name: 'TimeoutError' })
  const controller = new AbortController()
  setTimeout(() => {
    controller.abort()
  }, 30)
  await t.rejects(ecs.listClusters({}, { signal: controller.signal }), { name: 'AbortError' })
  const seen: (number | undefined)[] = []
  const recording = new ECS({
    endpoint: 'http://127.0.0.1:9',
    credentials: testCredentials,
    timeoutMs: 1234,
    transport: {
      send: (_request, options) => {
        seen.push(options?.timeoutMs)
        return Promise.resolve({ statusCode: 200, headers: {}, body: '{}' })
      },
      close: () => Promise.resolve(),
    },
  })
  await recording.listClusters()
  await recording.listClusters({}, { timeoutMs: 5 })
  t.same(seen, [1234, 5], 'the client default timeout applies unless the call sets its own')
})

t.test('a 2xx that is not a JSON object is a ProtocolError', async t => {
  const { ecs } = await client(t, () => ({ status: 200, body: 'not json' }))
  await t.rejects(ecs.listClusters(), { name: 'ProtocolError' })
})

t.test('configuration: region, endpoint and credentials', async t => {
  t.equal(awsEndpoint('eu-west-1'), 'https://ecs.eu-west-1.amazonaws.com')
  t.equal(awsEndpoint('cn-north-1'), 'https://ecs.cn-north-1.amazonaws.com.cn')

  const sent: string[] = []
  const transport: Transport = {
    send: request => {
      sent.push(`${request.origin} ${request.headers['authorization'] ?? ''}`)
      return Promise.resolve({ statusCode: 200, headers: {}, body: '{}' })
    },
    close: () => {
      t.fail('an injected transport is not closed')
      return Promise.resolve()
    },
  }
  const home = t.testdir()
  const env = {
    ...processSource,
    env: {
      HOME: home,
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'AKENV',
      AWS_SECRET_ACCESS_KEY: 'S',
    },
  }
  const aws = new ECS({ transport }, env)
  await aws.listClusters()
  t.match(
    sent[0],
    /^https:\/\/ecs\.ap-northeast-1\.amazonaws\.com AWS4-HMAC-SHA256 Credential=AKENV\/\d{8}\/ap-northeast-1\//,
  )
  await aws.close()

  let calls = 0
  const rotating = new ECS(
    {
      transport,
      region: 'us-east-2',
      credentials: () => ({ accessKeyId: `AK${++calls}`, secretAccessKey: 'S' }),
    },
    env,
  )
  await rotating.listClusters()
  await rotating.listClusters()
  t.equal(calls, 2, 'a credentials provider is asked before every request')

  const noRegion = new ECS(
    { transport, credentials: testCredentials },
    { ...processSource, env: { HOME: home } },
  )
  await t.rejects(noRegion.listClusters(), { name: 'ConfigError', message: /no region/ })
  const badEndpoint = new ECS({ transport, endpoint: 'not a url', credentials: testCredentials })
  await t.rejects(badEndpoint.listClusters(), { name: 'ConfigError', message: /invalid endpoint/ })

  const mutableEnv: Record<string, string> = { HOME: home }
  const later = new ECS(
    { transport, endpoint: 'http://127.0.0.1:1' },
    { ...processSource, env: mutableEnv },
  )
  await t.rejects(later.listClusters(), { name: 'CredentialsError' })
  mutableEnv['AWS_ACCESS_KEY_ID'] = 'AKLATE'
  mutableEnv['AWS_SECRET_ACCESS_KEY'] = 'S'
  await later.listClusters()
  t.match(
    sent.at(-1),
    /Credential=AKLATE\/\d{8}\/us-east-1\//,
    'a failed resolution is retried; endpoint implies us-east-1',
  )
})
