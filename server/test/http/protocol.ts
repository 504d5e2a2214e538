import { Readable } from 'node:stream'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { request } from 'undici'
import { rawCall, testServer } from '../fixtures/server.js'

t.test('AWS JSON 1.1 as ECS speaks it', async t => {
  const server = await testServer(t)
  const ok = await rawCall(server, 'CreateCluster', { clusterName: 'p' })
  t.equal(ok.status, 200)
  t.equal(ok.headers['content-type'], 'application/x-amz-json-1.1')
  t.match(ok.headers['x-amzn-requestid'], /^[0-9a-f-]{36}$/)
  t.equal((ok.body['cluster'] as { clusterName: string }).clusterName, 'p')

  const byPath = await rawCall(server, '', { clusters: ['p'] }, { path: '/DescribeClusters' })
  t.equal(byPath.status, 200, 'POST /<Op> reaches the same handler')
  t.equal((byPath.body['clusters'] as unknown[]).length, 1)
  const both = await rawCall(server, 'DescribeClusters', {}, { path: '/DescribeClusters' })
  t.equal(both.status, 200)

  const empty = await rawCall(server, 'ListClusters', '')
  t.equal(empty.status, 200, 'an empty body is {}')

  const errors: [string, unknown, Parameters<typeof rawCall>[3], number, string, RegExp][] = [
    [
      'unknown operation',
      {},
      { headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.Nope' } },
      400,
      'UnknownOperationException',
      /Nope/,
    ],
    [
      'foreign prefix',
      {},
      { headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' } },
      400,
      'UnknownOperationException',
      /DynamoDB/,
    ],
    [
      'no target at all',
      {},
      { headers: { 'x-amz-target': '' } },
      400,
      'UnknownOperationException',
      /Missing X-Amz-Target/,
    ],
    [
      'path and target disagree',
      {},
      { path: '/ListClusters' },
      400,
      'UnknownOperationException',
      /different operations/,
    ],
    ['malformed JSON', '{"clusterName":', {}, 400, 'SerializationException', /not valid JSON/],
    ['a JSON array', '[1]', {}, 400, 'SerializationException', /JSON object/],
    [
      'wrong type',
      { clusterName: 5 },
      {},
      400,
      'SerializationException',
      /clusterName must be of type string/,
    ],
    ['unsigned', {}, { sign: false }, 403, 'MissingAuthenticationTokenException', /Missing/],
  ]
  for (const [name, body, options, status, type, message] of errors) {
    const answer = await rawCall(server, 'CreateCluster', body, options)
    t.equal(answer.status, status, name)
    t.equal(answer.body['__type'], type, name)
    t.match(answer.body['message'], message, name)
    t.equal(answer.headers['x-amzn-errortype'], type)
    t.ok(answer.headers['x-amzn-requestid'], 'errors carry a request id too')
  }
})

t.test('health, other methods, oversized bodies', async t => {
  const server = await testServer(t, { bodyLimit: 1000 })
  const health = await request(`${server.url}/health`)
  t.equal(health.statusCode, 200)
  t.same(await health.body.json(), { status: 'ok', store: 'sqlite' })
  const get = await request(`${server.url}/`)
  t.equal(get.statusCode, 400)
  t.match(await get.body.json(), { __type: 'UnknownOperationException' })
  const big = await rawCall(server, 'CreateCluster', { clusterName: 'x'.repeat(5000) })
  t.equal(big.status, 400)
  t.equal(big.body['__type'], 'ValidationException')
  t.match(big.body['message'], /larger than the limit of 1000 bytes/)
  // A chunked body (no content-length) is cut off the same way.
  const chunked = await request(`${server.url}/`, {
    method: 'POST',
    body: Readable.from(Array.from({ length: 20 }, () => Buffer.alloc(100, 'a'))),
  })
  t.equal(chunked.statusCode, 400)
  t.match(await chunked.body.json(), { __type: 'ValidationException' })
})

t.test('a request sees only its own region and account', async t => {
  const dir = t.testdir()
  const file = join(dir, 'creds.json')
  writeFileSync(
    file,
    JSON.stringify([
      { accessKeyId: 'alice', secretAccessKey: 'a-secret' },
      { accessKeyId: 'bob', secretAccessKey: 'b-secret', accountId: '222222222222' },
    ]),
  )
  const server = await testServer(t, { credentialsFile: file, accountId: '111111111111' })
  t.match(server.banner, /accepting 2 access keys/)
  const alice = { accessKeyId: 'alice', secretAccessKey: 'a-secret' }
  const bob = { accessKeyId: 'bob', secretAccessKey: 'b-secret' }
  const made = await rawCall(
    server,
    'CreateCluster',
    { clusterName: 'west' },
    { region: 'us-west-2', credentials: alice },
  )
  t.equal(
    (made.body['cluster'] as { clusterArn: string }).clusterArn,
    'arn:aws:ecs:us-west-2:111111111111:cluster/west',
  )
  const inWest = await rawCall(
    server,
    'ListClusters',
    {},
    { region: 'us-west-2', credentials: alice },
  )
  t.equal((inWest.body['clusterArns'] as unknown[]).length, 1)
  const inEast = await rawCall(
    server,
    'ListClusters',
    {},
    { region: 'us-east-1', credentials: alice },
  )
  t.same(inEast.body['clusterArns'], [], 'us-east-1 does not see us-west-2')
  const otherAccount = await rawCall(
    server,
    'ListClusters',
    {},
    { region: 'us-west-2', credentials: bob },
  )
  t.same(otherAccount.body['clusterArns'], [], 'another account does not see it either')
  const testKey = await rawCall(server, 'ListClusters', {})
  t.equal(
    testKey.body['__type'],
    'UnrecognizedClientException',
    'test/test is off once a file is given',
  )
})

t.test('a client that hangs up mid-body does not leave the request hanging', async t => {
  const server = await testServer(t)
  const { connect } = await import('node:net')
  const url = new URL(server.url)
  await new Promise<void>(resolve => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"partial":')
      setTimeout(() => {
        socket.destroy()
        resolve()
      }, 50)
    })
  })
  // The server closes promptly: nothing is left waiting for the rest of that body.
  const started = Date.now()
  await server.close()
  t.ok(Date.now() - started < 2000, 'close() did not wait on the abandoned request')
})
