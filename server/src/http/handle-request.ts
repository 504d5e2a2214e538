/**
 * The request pipeline: health check, body (size-limited), SigV4, operation routing, throttling,
 * JSON, schema validation, the key's policy, the handler, and the awsJson response. Every failure
 * becomes an ECS-shaped error; anything unexpected is a 500 ServerException whose details stay in
 * the log.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { actionOf } from '../auth/actions.js'
import { authorize } from '../auth/authorize.js'
import type { CredentialSet } from '../auth/credentials.js'
import { verifySignature } from '../auth/sigv4.js'
import type { TokenBuckets } from '../auth/throttle.js'
import { errors, isServiceError, serverFault, type ServiceError } from '../errors.js'
import { toJson } from '../json-text.js'
import type { OperationHandler } from '../operations/context.js'
import { createRuntime, type ServerRuntime } from '../runtime.js'
import type { Store } from '../store/index.js'
import type { InputValidator } from '../validation/validator.js'
import { parseJsonBody, readBody } from './body.js'
import type { RequestRecord } from './log.js'
import { API_ROUTES, apiOfTarget, resolveOperation, SIGNING_NAMES } from './routing.js'

const CONTENT_TYPE = 'application/x-amz-json-1.1'

/** Everything the pipeline needs, fixed for the server's lifetime. */
export interface PipelineOptions {
  readonly store: Store
  readonly credentials: CredentialSet
  readonly handlers: ReadonlyMap<string, OperationHandler>
  readonly validatorFor: (operation: string) => InputValidator
  readonly bodyLimit: number
  readonly log: (record: RequestRecord) => void
  /** Called with unexpected errors (500s), for the log. */
  readonly onFault: (error: unknown, requestId: string) => void
  /** Server-wide state handed to operations; a fresh default one when absent. */
  readonly runtime?: ServerRuntime | undefined
  /** Request throttling per account, region and action group; none when absent. */
  readonly throttle?: TokenBuckets | undefined
  /** Called with every API answer once sent (see {@link AnswerHook}). */
  readonly onAnswer?: AnswerHook | undefined
}

/**
 * Sees every API answer (not `/health`) right after it is sent: the operation when routing found
 * one, the status and the body's JSON text. The tests check answers against the spec with it
 * (test/fixtures/answer-check.ts); production servers set none. It must not throw.
 */
export type AnswerHook = (answer: {
  readonly operation: string | undefined
  readonly status: number
  readonly text: string
}) => void

/** Makes the `request` listener of the HTTP server. */
export function createPipeline(options: PipelineOptions) {
  const known = new Set(options.handlers.keys())
  const runtime = options.runtime ?? createRuntime()
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now()
    const requestId = randomUUID()
    const url = request.url ?? '/'
    const path = url.split('?')[0] ?? '/'
    const record: { -readonly [K in keyof RequestRecord]: RequestRecord[K] } = {
      requestId,
      method: request.method ?? 'GET',
      path,
      status: 200,
      durationMs: 0,
    }
    response.setHeader('x-amzn-RequestId', requestId)
    try {
      if (request.method === 'GET' && path === '/health') {
        send(response, 200, { status: 'ok', store: options.store.kind }, 'application/json')
        return
      }
      if (request.method !== 'POST') {
        request.resume()
        throw errors.unknownOperation(
          `Only POST is served here (and GET /health), not ${record.method} ${path}.`,
        )
      }
      const body = await readBody(request, options.bodyLimit).catch((error: unknown) => {
        // The rest of an oversized body is not read: answer, then drop the connection.
        response.setHeader('connection', 'close')
        throw error
      })
      const targetHeader = request.headers['x-amz-target']
      const target = Array.isArray(targetHeader) ? targetHeader[0] : targetHeader
      // A target names its API, whose signing name the signature must use; without one, the
      // service signed for picks the API (ECS's `POST /<Op>` form, or another API's).
      const targetApi = apiOfTarget(target)
      const principal = verifySignature(
        { method: 'POST', url, headers: request.headers, body },
        options.credentials,
        undefined,
        targetApi === undefined ? SIGNING_NAMES : [API_ROUTES[targetApi].signingName],
      )
      record.accessKeyId = principal.credential.accessKeyId
      record.region = principal.region
      const operation = resolveOperation(path, target, known, principal.service)
      record.operation = operation
      const scope = { account: principal.credential.accountId, region: principal.region }
      if (
        options.throttle &&
        !options.throttle.take(scope.account, scope.region, actionOf(operation).group)
      )
        throw errors.throttling()
      const input = parseJsonBody(body)
      const invalid = options.validatorFor(operation)(input)
      if (invalid) throw invalid
      authorize(principal.credential, operation, input, scope)
      const handler = options.handlers.get(operation)
      /* c8 ignore next */
      if (!handler) throw errors.unknownOperation(`Unknown operation: ${operation}`)
      const output = await handler(input, {
        store: options.store,
        scope,
        principalArn: principal.credential.principalArn,
        requestId,
        runtime,
        host: request.headers.host,
      })
      const text = send(response, 200, output)
      options.onAnswer?.({ operation, status: 200, text })
    } catch (error) {
      const failure: ServiceError = isServiceError(error) ? error : serverFault(record.operation)
      if (!isServiceError(error)) options.onFault(error, requestId)
      record.status = failure.httpStatus
      record.errorType = failure.shapeName
      response.setHeader('x-amzn-ErrorType', failure.shapeName)
      const text = send(response, failure.httpStatus, failure.toJSON())
      options.onAnswer?.({ operation: record.operation, status: failure.httpStatus, text })
    } finally {
      record.status = response.statusCode
      record.durationMs = performance.now() - started
      options.log(record)
    }
  }
}

/** Sends `body` as JSON; returns the text sent. */
function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  type = CONTENT_TYPE,
): string {
  const text = toJson(body)
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) })
  response.end(text)
  return text
}
