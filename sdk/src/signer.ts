/**
 * SigV4 signing of an AWS JSON 1.1 request with `aws4`. The SDK builds every header itself
 * (lower-case), so what is signed is exactly what is sent: `host`,
 * `content-type`, `content-length`, `x-amz-target`, `x-amz-date` and, with temporary credentials,
 * `x-amz-security-token`.
 */
import aws4 from 'aws4'
import type { Credentials } from './credentials.js'

/** A request about to be signed. */
export interface UnsignedRequest {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Signing parameters; `now` is the signing clock (injected for tests and clock-skew fixes). */
export interface SigningContext {
  readonly credentials: Credentials
  readonly region: string
  /** Signing name; `ecs` for this service. */
  readonly service: string
  readonly now: Date
}

/** `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[:-]|\.\d{3}/g, '')
}

/** The request's headers plus `host`, `x-amz-date`, the session token and `authorization`. */
export function signRequest(
  request: UnsignedRequest,
  context: SigningContext,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.url.host,
    'x-amz-date': amzDate(context.now),
  }
  const { accessKeyId, secretAccessKey, sessionToken } = context.credentials
  if (sessionToken) headers['x-amz-security-token'] = sessionToken
  // aws4 reads x-amz-date back from the headers; it writes `Authorization` (and any
  // Content-Type/Length it finds missing) into the object it is given, so it gets a copy and
  // everything it returns is sent: what is signed is what goes on the wire.
  const signed = aws4.sign(
    {
      host: request.url.host,
      path: request.url.pathname + request.url.search,
      method: 'POST',
      service: context.service,
      region: context.region,
      headers: { ...headers },
      body: request.body,
    },
    { accessKeyId, secretAccessKey },
  )
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    out[name.toLowerCase()] = String(value)
  }
  return out
}
