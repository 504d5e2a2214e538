/**
 * Our SigV4 signatures against two independent implementations: the signature
 * @aws-sdk/client-ecs puts on the same request (same headers, credentials and clock), and
 * @smithy/signature-v4 recomputing the signature of a request our client actually sent.
 */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs'
import { Hash } from '@smithy/hash-node'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import t from 'tap'
import { ECS } from '../src/client.js'
import { amzDate, signRequest } from '../src/signer.js'
import { ok, stubServer } from './fixtures/stub-server.js'
import type { Recorded } from './fixtures/stub-server.js'

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token-example',
}

const parseAmzDate = (value: string): Date =>
  new Date(value.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))

/** The signed header names and the header map restricted to them. */
function signedPart(request: Recorded): { names: string[]; headers: Record<string, string> } {
  const auth = String(request.headers['authorization'])
  const names = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? []
  const headers: Record<string, string> = {}
  for (const name of names) headers[name] = String(request.headers[name])
  return { names, headers }
}

t.test('amzDate formats as X-Amz-Date', t => {
  t.equal(amzDate(new Date('2026-01-02T03:04:05.678Z')), '20260102T030405Z')
  t.end()
})

t.test('our signature equals the AWS SDK signature for the same request', async t => {
  const server = await stubServer(() => ok({ clusterArns: [] }))
  t.teardown(() => server.close())
  const aws = new ECSClient({ endpoint: server.url, region: 'eu-central-1', credentials })
  t.teardown(() => {
    aws.destroy()
  })
  await aws.send(new ListClustersCommand({ maxResults: 5 }))
  const captured = server.requests[0]!
  const { headers } = signedPart(captured)
  const now = parseAmzDate(headers['x-amz-date']!)
  const ours = signRequest(
    { url: new URL(server.url), headers, body: captured.body },
    { credentials, region: 'eu-central-1', service: 'ecs', now },
  )
  t.equal(ours['authorization'], captured.headers['authorization'])
  t.equal(ours['x-amz-security-token'], credentials.sessionToken)
})

t.test('the signature of a request our client sent verifies with @smithy/signature-v4', async t => {
  const server = await stubServer(() => ok({ clusterArns: [] }))
  t.teardown(() => server.close())
  const fixed = new Date('2026-03-04T05:06:07Z')
  const ecs = new ECS({ endpoint: server.url, region: 'us-west-2', credentials, now: () => fixed })
  t.teardown(() => ecs.close())
  await ecs.listClusters({ maxResults: 5 })
  const captured = server.requests[0]!
  const { names, headers } = signedPart(captured)
  t.same(names, [
    'content-length',
    'content-type',
    'host',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-target',
  ])
  t.equal(headers['x-amz-date'], '20260304T050607Z')
  const url = new URL(server.url)
  const smithy = new SignatureV4({
    credentials,
    region: 'us-west-2',
    service: 'ecs',
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  })
  const resigned = await smithy.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers,
      body: captured.body,
    }),
    { signingDate: fixed },
  )
  t.equal(resigned.headers['authorization'], captured.headers['authorization'])
})

t.test('without a session token no token header is signed', t => {
  const signed = signRequest(
    {
      url: new URL('https://ecs.us-east-1.amazonaws.com/'),
      headers: { 'x-amz-target': 'X' },
      body: '{}',
    },
    {
      credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
      region: 'us-east-1',
      service: 'ecs',
      now: new Date('2026-01-01T00:00:00Z'),
    },
  )
  t.equal(signed['host'], 'ecs.us-east-1.amazonaws.com')
  t.equal(signed['content-length'], '2', 'headers aws4 adds are returned, so they are sent')
  t.notOk('x-amz-security-token' in signed)
  t.match(
    signed['authorization'],
    /^AWS4-HMAC-SHA256 Credential=A\/20260101\/us-east-1\/ecs\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
  )
  t.end()
})
