/**
 * The signature covers the body on every signed endpoint, end to end: a request signed by
 * @aws-sdk/client-ecs (which signs `x-amz-content-sha256`) re-sent with another body of the same
 * length is refused and changes nothing, `UNSIGNED-PAYLOAD` is refused, requests without the
 * header are still checked against their body, and the agent channel's upgrade is held to the
 * same rule.
 */
import { createHash } from 'node:crypto'
import { CreateClusterCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs'
import aws4 from 'aws4'
import t from 'tap'
import { request } from 'undici'
import WebSocket from 'ws'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { client, rawCall, testServer } from '../fixtures/server.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** What the SDK sent: its headers and body, captured instead of being sent. */
interface Captured {
  path: string
  headers: Record<string, string>
  body: string
}

/** The SDK's body (a string, or bytes that also answer string methods) as text. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body
  const bytes = body as Uint8Array
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

/** The request @aws-sdk/client-ecs signs for `command`, captured before it leaves. */
async function signedBySdk(url: string, command: CreateClusterCommand): Promise<Captured> {
  let captured: Captured | undefined
  const sdk = new ECSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: (request: { path: string; headers: Record<string, string>; body?: unknown }) => {
        captured = {
          path: request.path,
          headers: { ...request.headers },
          body: bodyText(request.body),
        }
        return Promise.reject(new Error('captured'))
      },
    },
  })
  await sdk.send(command).catch(() => undefined)
  if (!captured) throw new Error('the SDK sent nothing')
  return captured
}

async function send(url: string, captured: Captured, body: string) {
  const response = await request(`${url}${captured.path}`, {
    method: 'POST',
    headers: captured.headers,
    body,
  })
  return {
    status: response.statusCode,
    body: (await response.body.json()) as { __type?: string; message?: string },
  }
}

t.test('a body swapped under the SDK signature is refused and creates nothing', async t => {
  const server = await testServer(t)
  const captured = await signedBySdk(
    server.url,
    new CreateClusterCommand({ clusterName: 'signed-one' }),
  )
  t.equal(captured.headers['x-amz-content-sha256'], sha256(captured.body), 'the SDK sends it')
  t.match(captured.headers['authorization'], /SignedHeaders=[^,]*x-amz-content-sha256/)

  const other = captured.body.replace('signed-one', 'swapped-in')
  t.equal(other.length, captured.body.length)
  const refused = await send(server.url, captured, other)
  t.equal(refused.status, 400)
  t.same(refused.body, {
    __type: 'InvalidSignatureException',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  })

  const served = await send(server.url, captured, captured.body)
  t.equal(served.status, 200, 'the signed body itself is served')
  const listed = await client(server).send(new ListClustersCommand({}))
  t.same(
    listed.clusterArns?.map(arn => arn.slice(arn.lastIndexOf('/') + 1)),
    ['signed-one'],
    'the swapped body created nothing',
  )
})

t.test(
  'UNSIGNED-PAYLOAD is refused; header-less requests are checked against the body',
  async t => {
    const server = await testServer(t)
    const unsigned = await rawCall(
      server,
      'CreateCluster',
      { clusterName: 'u' },
      { headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' } },
    )
    t.equal(unsigned.status, 400)
    t.equal(unsigned.body['__type'], 'InvalidSignatureException')
    t.match(unsigned.body['message'], /UNSIGNED-PAYLOAD is not accepted/)

    const plain = await rawCall(server, 'CreateCluster', { clusterName: 'p' })
    t.equal(plain.status, 200, 'signed without the header')

    // aws4 signs without the header unless given one: swap the body after signing.
    const url = new URL(server.url)
    const signed = aws4.sign(
      {
        host: url.host,
        path: '/',
        method: 'POST',
        service: 'ecs',
        region: 'us-east-1',
        body: '{"clusterName":"a"}',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateCluster',
        },
      },
      { accessKeyId: 'test', secretAccessKey: 'test' },
    )
    const swapped = await request(`${server.url}/`, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: '{"clusterName":"b"}',
    })
    t.equal(swapped.statusCode, 400)
    t.match(await swapped.body.json(), { __type: 'InvalidSignatureException' })
    const listed = await rawCall(server, 'ListClusters', {})
    t.same(
      (listed.body['clusterArns'] as string[]).map(arn => arn.slice(arn.lastIndexOf('/') + 1)),
      ['p'],
    )
  },
)

/** Opens the channel of `arn` with `payloadHash` signed in; resolves with the HTTP outcome. */
function upgrade(serverUrl: string, cluster: string, arn: string, payloadHash: string) {
  const url = new URL(serverUrl)
  const path = `/ws?clusterArn=${encodeURIComponent(cluster)}&containerInstanceArn=${encodeURIComponent(arn)}`
  const signed = aws4.sign(
    {
      host: url.host,
      path,
      method: 'GET',
      service: 'ecs',
      region: 'us-east-1',
      headers: { 'X-Amz-Content-Sha256': payloadHash },
    },
    { accessKeyId: 'test', secretAccessKey: 'test' },
  )
  const ws = new WebSocket(`ws://${url.host}${path}`, {
    headers: signed.headers as Record<string, string>,
  })
  return new Promise<number>((resolve, reject) => {
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', reject)
  })
}

t.test('the agent channel upgrade is held to the same rule', async t => {
  const server = await testServer(t)
  await rawCall(server, 'CreateCluster', { clusterName: 'c' })
  const agent = await fakeAgent(t, server, { cluster: 'c' })
  const arn = agent.containerInstanceArn
  t.equal(await upgrade(server.url, 'c', arn, 'UNSIGNED-PAYLOAD'), 403, 'UNSIGNED-PAYLOAD')
  t.equal(await upgrade(server.url, 'c', arn, sha256('x')), 403, 'the hash of a body not sent')
  t.equal(await upgrade(server.url, 'c', arn, sha256('')), 101, 'the hash of the empty body')
})
