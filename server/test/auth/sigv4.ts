import { createHash } from 'node:crypto'
import aws4 from 'aws4'
import t from 'tap'
import { defaultCredentials } from '../../src/auth/credentials.js'
import { parseAmzDate, verifySignature, type SignedRequest } from '../../src/auth/sigv4.js'

const credentials = defaultCredentials('000000000000')
const body = '{"clusterName":"a"}'

/** A request signed by aws4 (an independent implementation) as a client would send it. */
function signed(
  overrides: {
    secret?: string
    key?: string
    region?: string
    service?: string
    path?: string
    date?: Date
    /** Sent (and signed) as `x-amz-content-sha256`, as the AWS SDK for JavaScript v3 does. */
    payloadHash?: string
  } = {},
): SignedRequest & { headers: Record<string, string> } {
  const req = {
    host: '127.0.0.1:4100',
    path: overrides.path ?? '/',
    method: 'POST',
    service: overrides.service ?? 'ecs',
    region: overrides.region ?? 'us-west-2',
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateCluster',
      ...(overrides.date
        ? {
            'X-Amz-Date': overrides.date
              .toISOString()
              .replace(/[-:]/g, '')
              .replace(/\.\d{3}/, ''),
          }
        : {}),
      ...(overrides.payloadHash === undefined
        ? {}
        : { 'X-Amz-Content-Sha256': overrides.payloadHash }),
    } as Record<string, string | number>,
  }
  aws4.sign(req, {
    accessKeyId: overrides.key ?? 'test',
    secretAccessKey: overrides.secret ?? 'test',
  })
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = String(v)
  return { method: 'POST', url: req.path, headers, body: Buffer.from(body) }
}

t.test('a correctly signed request gives its principal and region', t => {
  const principal = verifySignature(signed(), credentials)
  t.equal(principal.region, 'us-west-2')
  t.equal(principal.credential.accountId, '000000000000')
  const withQuery = verifySignature(signed({ path: '/CreateCluster?a=1&b=2&a=3' }), credentials)
  t.equal(withQuery.region, 'us-west-2', 'query strings are part of the canonical request')
  t.end()
})

t.test('each failure mode gets the error AWS gives', t => {
  const good = signed()
  const cases: [string, SignedRequest, string, RegExp][] = [
    [
      'no Authorization',
      { ...good, headers: { ...good.headers, authorization: '' } },
      'MissingAuthenticationTokenException',
      /Missing/,
    ],
    [
      'another scheme',
      { ...good, headers: { ...good.headers, authorization: 'Bearer abc' } },
      'IncompleteSignatureException',
      /AWS4-HMAC-SHA256/,
    ],
    [
      'no Signature',
      {
        ...good,
        headers: {
          ...good.headers,
          authorization: good.headers['authorization']!.replace(/, Signature=.*/, ''),
        },
      },
      'IncompleteSignatureException',
      /'Signature'/,
    ],
    [
      'a short credential scope',
      {
        ...good,
        headers: {
          ...good.headers,
          authorization: good.headers['authorization']!.replace(
            /Credential=[^,]+/,
            'Credential=test/20200101',
          ),
        },
      },
      'IncompleteSignatureException',
      /scoped/,
    ],
    [
      'no X-Amz-Date',
      {
        ...good,
        headers: Object.fromEntries(
          Object.entries(good.headers).filter(([k]) => k !== 'x-amz-date'),
        ),
      },
      'IncompleteSignatureException',
      /X-Amz-Date/,
    ],
    ['an unknown key', signed({ key: 'nobody' }), 'UnrecognizedClientException', /security token/],
    ['a wrong secret', signed({ secret: 'wrong' }), 'InvalidSignatureException', /does not match/],
    [
      'a tampered body',
      { ...good, body: Buffer.from('{"clusterName":"b"}') },
      'InvalidSignatureException',
      /does not match/,
    ],
    ['another service', signed({ service: 'sqs' }), 'InvalidSignatureException', /'ecs'/],
    [
      'a malformed date',
      { ...good, headers: { ...good.headers, 'x-amz-date': '2020-01-01' } },
      'IncompleteSignatureException',
      /ISO-8601/,
    ],
    [
      'a date unlike the scope',
      { ...good, headers: { ...good.headers, 'x-amz-date': '19990101T000000Z' } },
      'InvalidSignatureException',
      /Credential scope/,
    ],
    [
      'host not signed',
      {
        ...good,
        headers: {
          ...good.headers,
          authorization: good.headers['authorization']!.replace(
            /SignedHeaders=[^,]+/,
            'SignedHeaders=x-amz-date',
          ),
        },
      },
      'InvalidSignatureException',
      /Host/,
    ],
  ]
  for (const [name, request, type, message] of cases) {
    t.throws(() => verifySignature(request, credentials), { shapeName: type, message }, name)
  }
  t.end()
})

t.test('the body must hash to what was signed, with or without x-amz-content-sha256', t => {
  const bodyHash = createHash('sha256').update(body).digest('hex')
  const withHash = signed({ payloadHash: bodyHash })
  t.match(withHash.headers['authorization'], /SignedHeaders=[^,]*x-amz-content-sha256/)
  t.equal(verifySignature(withHash, credentials).region, 'us-west-2', 'the right hash, signed')
  const plain = signed()
  const unsignedHeader = {
    ...plain,
    headers: { ...plain.headers, 'x-amz-content-sha256': bodyHash },
  }
  t.equal(verifySignature(unsignedHeader, credentials).region, 'us-west-2', 'sent, not signed')

  // Another body of the same length under the signed header of the first one.
  const swapped = { ...withHash, body: Buffer.from('{"clusterName":"b"}') }
  t.equal(swapped.body.length, withHash.body.length)
  const mismatch = {
    shapeName: 'InvalidSignatureException',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  }
  const cases: [string, SignedRequest, { shapeName: string; message: string | RegExp }][] = [
    ['a swapped body under a signed hash', swapped, mismatch],
    [
      'a signed hash of another body',
      signed({ payloadHash: createHash('sha256').update('{}').digest('hex') }),
      mismatch,
    ],
    [
      'UNSIGNED-PAYLOAD',
      signed({ payloadHash: 'UNSIGNED-PAYLOAD' }),
      { shapeName: 'InvalidSignatureException', message: /UNSIGNED-PAYLOAD is not accepted/ },
    ],
    [
      'a wrong hash sent unsigned',
      { ...plain, headers: { ...plain.headers, 'x-amz-content-sha256': 'ab' } },
      mismatch,
    ],
    [
      'a swapped body without the header',
      { ...plain, body: Buffer.from('{"clusterName":"b"}') },
      { shapeName: 'InvalidSignatureException', message: /does not match the signature/ },
    ],
  ]
  for (const [name, request, want] of cases)
    t.throws(() => verifySignature(request, credentials), want, name)
  t.end()
})

t.test('signatures expire after five minutes either way', t => {
  const now = new Date()
  const old = signed({ date: new Date(now.getTime() - 6 * 60_000) })
  t.throws(() => verifySignature(old, credentials, now), {
    shapeName: 'InvalidSignatureException',
    message:
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
  })
  const future = signed({ date: new Date(now.getTime() + 6 * 60_000) })
  t.throws(() => verifySignature(future, credentials, now), {
    shapeName: 'InvalidSignatureException',
    message: /Signature not yet current/,
  })
  const recent = signed({ date: new Date(now.getTime() - 4 * 60_000) })
  t.equal(verifySignature(recent, credentials, now).region, 'us-west-2')
  t.end()
})

t.test('parseAmzDate', t => {
  t.equal(parseAmzDate('20240102T030405Z')?.toISOString(), '2024-01-02T03:04:05.000Z')
  t.equal(parseAmzDate('20241302T030405Z'), undefined)
  t.equal(parseAmzDate('nope'), undefined)
  t.end()
})
