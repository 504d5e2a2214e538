/**
 * Turning an HTTP answer into an output object or an {@link EcsServiceError}. AWS JSON 1.1 error
 * bodies are `{"__type": "...", "message": "..."}`; the name may also come in the
 * `X-Amzn-ErrorType` header, may carry a `namespace#` prefix or a `:url` suffix, and the message
 * may be spelled `Message`. Pure: no I/O.
 */
import { EcsServiceError, ProtocolError } from './errors.js'
import type { HttpResponse } from './transport.js'

/** `com.amazonaws.ecs#ClusterNotFoundException:http://...` → `ClusterNotFoundException`. */
export function sanitizeErrorName(raw: string): string {
  let name = raw.split(',')[0] ?? ''
  const colon = name.indexOf(':')
  if (colon >= 0) name = name.slice(0, colon)
  const hash = name.lastIndexOf('#')
  if (hash >= 0) name = name.slice(hash + 1)
  return name.trim()
}

function parseObject(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    // not JSON: the caller decides what that means for a success or an error
    return undefined
  }
}

/** The error a non-2xx response stands for. */
export function parseError(operation: string, response: HttpResponse): EcsServiceError {
  const body = parseObject(response.body) ?? {}
  const { __type: type, message, Message, code, ...data } = body
  const rawName = [response.headers['x-amzn-errortype'], code, type].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  )
  const name = rawName === undefined ? '' : sanitizeErrorName(rawName)
  const text = [message, Message].find((m): m is string => typeof m === 'string')
  return new EcsServiceError({
    name: name || 'UnknownError',
    message: text ?? (name ? name : `HTTP ${response.statusCode}: ${response.body.slice(0, 200)}`),
    operation,
    statusCode: response.statusCode,
    requestId: response.headers['x-amzn-requestid'] ?? response.headers['x-amz-request-id'],
    data,
    response,
  })
}

/** The output of a 2xx response: its JSON object (`{}` for an empty body). */
export function parseOutput(operation: string, response: HttpResponse): unknown {
  const output = parseObject(response.body)
  if (output === undefined) {
    throw new ProtocolError(
      `${operation}: expected a JSON object, got ${JSON.stringify(response.body.slice(0, 100))}`,
      response.statusCode,
    )
  }
  return output
}
