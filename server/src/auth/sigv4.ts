/**
 * Verifies the AWS Signature Version 4 of a request: the server rebuilds the canonical request from
 * what the client says it signed, signs it again with the secret it holds (aws4, which caches the
 * derived signing keys and costs half of @smithy/signature-v4's time per request), and compares.
 * The payload hash in that canonical request is always the hash of the body received, never one
 * the client asserts, so a signature vouches for the body. Failures map onto the errors AWS gives.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import aws4 from 'aws4'
import { errors } from '../errors.js'
import type { Credential, CredentialSet } from './credentials.js'

/** What a verified request is allowed to act as. */
export interface Principal {
  readonly credential: Credential
  /** The region of the credential scope: the region whose resources the request sees. */
  readonly region: string
  /** The service of the credential scope (`ecs`, `ssm`, ...), one of those the caller allowed. */
  readonly service: string
}

/** The parts of an HTTP request that the signature covers. */
export interface SignedRequest {
  readonly method: string
  /** Path and query, as on the request line. */
  readonly url: string
  /** Header name (any case) -> value, as received. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: Buffer
}

const SKEW_MS = 5 * 60 * 1000
const AUTH_PATTERN = /^AWS4-HMAC-SHA256 (.+)$/

/** Parsed `Authorization` header. */
interface AuthorizationParts {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

function parseAuthorization(header: string): AuthorizationParts {
  const match = AUTH_PATTERN.exec(header.trim())
  if (!match?.[1]) {
    throw errors.incompleteSignature(
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and must use the AWS4-HMAC-SHA256 algorithm. Authorization=${header}`,
    )
  }
  const fields = new Map<string, string>()
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter(k => !fields.get(k))
  if (missing.length > 0) {
    throw errors.incompleteSignature(
      missing.map(k => `Authorization header requires '${k}' parameter.`).join(' ') +
        ` Authorization=${header}`,
    )
  }
  const scope = (fields.get('Credential') ?? '').split('/')
  const [accessKeyId, date, region, service, terminator] = scope
  if (
    scope.length !== 5 ||
    !accessKeyId ||
    !date ||
    !region ||
    !service ||
    terminator !== 'aws4_request'
  ) {
    throw errors.incompleteSignature(
      `Credential should be scoped to a valid region and service, as in <key>/<date>/<region>/<service>/aws4_request. Credential=${fields.get('Credential') ?? ''}`,
    )
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';').map(h => h.toLowerCase()),
    signature: fields.get('Signature') ?? '',
  }
}

function headerValue(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** `20240102T030405Z` -> Date, or undefined when malformed. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return undefined
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256'

/**
 * The SHA-256 (hex) of the body, which the signature must cover. A client may send it in
 * `x-amz-content-sha256` (the AWS SDK for JavaScript v3 does, signed, on every call): the header
 * must then be exactly that hash. `UNSIGNED-PAYLOAD` (S3's opt-out) is refused: every body of
 * this API is signed.
 */
function checkPayloadHash(request: SignedRequest): string {
  const computed = createHash('sha256').update(request.body).digest('hex')
  const given = headerValue(request, PAYLOAD_HASH_HEADER)
  if (given === undefined || given === computed) return computed
  if (given === 'UNSIGNED-PAYLOAD')
    throw errors.invalidSignature(
      "UNSIGNED-PAYLOAD is not accepted by this service: sign the SHA-256 of the request body in 'x-amz-content-sha256', or leave the header out.",
    )
  throw errors.invalidSignature(
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  )
}

/**
 * Checks `request` against `credentials`; returns the principal or throws the
 * ServiceError AWS would answer. `now` is injectable for tests of expiry; `services` are the
 * signing names accepted (the first is the one a refusal names).
 */
export function verifySignature(
  request: SignedRequest,
  credentials: CredentialSet,
  now: Date = new Date(),
  services: readonly string[] = ['ecs'],
): Principal {
  const header = headerValue(request, 'authorization')
  if (header === undefined || header === '') throw errors.missingToken()
  const auth = parseAuthorization(header)
  const dateText = headerValue(request, 'x-amz-date')
  if (dateText === undefined) {
    throw errors.incompleteSignature(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    )
  }
  const credential = credentials.get(auth.accessKeyId)
  if (!credential) throw errors.unrecognizedClient()
  const signingDate = parseAmzDate(dateText)
  if (!signingDate) {
    throw errors.incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${dateText}'.`)
  }
  if (!dateText.startsWith(auth.date)) {
    throw errors.invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateText.slice(0, 8)}', from '${dateText}'.`,
    )
  }
  if (signingDate.getTime() < now.getTime() - SKEW_MS) {
    throw errors.invalidSignature(
      `Signature expired: ${dateText} is now earlier than ${amzDate(new Date(now.getTime() - SKEW_MS))} (${amzDate(now)} - 5 min.)`,
    )
  }
  if (signingDate.getTime() > now.getTime() + SKEW_MS) {
    throw errors.invalidSignature(
      `Signature not yet current: ${dateText} is still later than ${amzDate(new Date(now.getTime() + SKEW_MS))} (${amzDate(now)} + 5 min.)`,
    )
  }
  if (!services.includes(auth.service)) {
    throw errors.invalidSignature(
      `Credential should be scoped to correct service: '${services[0] ?? 'ecs'}'.`,
    )
  }
  if (!auth.signedHeaders.includes('host')) {
    throw errors.invalidSignature(`'Host' must be a 'SignedHeader' in the AWS Authorization.`)
  }

  const payloadHash = checkPayloadHash(request)

  // Exactly the headers the client signed, no more: aws4 leaves out the ones it never signs
  // unless told to include them, and would add (and sign) a content type or length it misses.
  const headers: Record<string, string> = {}
  const include: Record<string, boolean> = {}
  for (const name of auth.signedHeaders) {
    headers[name] = headerValue(request, name) ?? ''
    include[name] = true
  }
  const ignore: Record<string, boolean> = {}
  for (const name of ['content-type', 'content-length']) if (!include[name]) ignore[name] = true
  // aws4 takes the payload hash from this header when there is one (and hashes the body itself
  // otherwise): handing it the hash of the body just computed makes the canonical request cover
  // the body that arrived, hashed once. Unsigned, the header stays out of the signed headers.
  headers[PAYLOAD_HASH_HEADER] = payloadHash
  if (!include[PAYLOAD_HASH_HEADER]) ignore[PAYLOAD_HASH_HEADER] = true
  const signed = aws4.sign(
    {
      method: request.method,
      path: request.url,
      host: headers['host'] ?? '',
      service: auth.service,
      region: auth.region,
      headers,
      extraHeadersToInclude: include,
      extraHeadersToIgnore: ignore,
    } as aws4.Request,
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  )
  const authorization = (signed.headers as Record<string, string>)['Authorization'] ?? ''
  const expected = /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? ''
  const given = Buffer.from(auth.signature)
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    throw errors.invalidSignature(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    )
  }
  return { credential, region: auth.region, service: auth.service }
}
