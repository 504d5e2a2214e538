/**
 * The HTTP layer: one undici keep-alive `Pool` per origin, a timeout and an `AbortSignal` per
 * call, and a custom CA for TLS. It knows nothing about ECS; it sends bytes and reads the answer,
 * and maps failures onto {@link NetworkError}, {@link TimeoutError} and {@link AbortError}.
 */
import { createRequire } from 'node:module'
import type { Dispatcher, Pool } from 'undici'
import type { IncomingHttpHeaders } from 'node:http'
import { AbortError, NetworkError, TimeoutError } from './errors.js'

/** One HTTP exchange, already signed. */
export interface HttpRequest {
  /** `scheme://host[:port]`, no path. */
  readonly origin: string
  readonly path: string
  readonly method: 'POST'
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** The answer, read whole (ECS responses are small JSON documents). */
export interface HttpResponse {
  readonly statusCode: number
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Per-call controls. */
export interface SendOptions {
  readonly signal?: AbortSignal | undefined
  /** Milliseconds from sending until the whole body is read; 0 or undefined means none. */
  readonly timeoutMs?: number | undefined
}

/** What the client sends requests through. Tests and proxies may supply their own. */
export interface Transport {
  send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse>
  /** Closes every pooled connection; the transport is unusable afterwards. */
  close(): Promise<void>
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** Extra trusted CA certificate(s), PEM, for endpoints with a private CA. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined
  /** Keep-alive connections per origin (default 10). */
  readonly connections?: number | undefined
  /**
   * An undici dispatcher to send through instead of the pools (a `MockAgent`, a `ProxyAgent`).
   * The transport does not close it.
   */
  readonly dispatcher?: Dispatcher | undefined
}

const require = createRequire(import.meta.url)
let PoolClass: typeof Pool | undefined

// Loading undici's index pulls in fetch, websockets and more (~80 ms); the Pool alone is a
// quarter of that. Fall back to the index if a future undici moves the file.
function loadPool(): typeof Pool {
  if (PoolClass) return PoolClass
  try {
    PoolClass = require('undici/lib/dispatcher/pool.js') as typeof Pool
  } catch {
    // the documented entry point always works, it is only slower to load
    PoolClass = (require('undici') as { Pool: typeof Pool }).Pool
  }
  return PoolClass
}

function flattenHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/**
 * One request through undici's low-level `dispatch` (the Pool alone has no `request` helper, and
 * the handler reads the body without a stream in between). Rejects with undici's own error.
 */
function exchange(
  dispatcher: Dispatcher,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let statusCode = 0
    let headers: Record<string, string> = {}
    const chunks: Buffer[] = []
    let controller: Dispatcher.DispatchController | undefined
    let settled = false
    const settle = (error: unknown, response?: HttpResponse): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      if (response) resolve(response)
      else reject(error instanceof Error ? error : new Error(String(error)))
    }
    // before the request reaches a socket there is nothing to abort yet: fail it now, and the
    // controller is aborted the moment it arrives
    const onAbort = (): void => {
      controller?.abort(signal.reason as Error)
      settle(signal.reason as unknown)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    dispatcher.dispatch(
      {
        origin: request.origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
      },
      {
        onRequestStart: started => {
          controller = started
          if (signal.aborted) started.abort(signal.reason as Error)
        },
        onResponseStart: (_controller, status, responseHeaders) => {
          statusCode = status
          headers = flattenHeaders(responseHeaders)
        },
        onResponseData: (_controller, chunk) => {
          chunks.push(chunk)
        },
        onResponseEnd: () => {
          settle(undefined, { statusCode, headers, body: Buffer.concat(chunks).toString('utf8') })
        },
        onResponseError: (_controller, error) => {
          settle(error)
        },
      },
    )
  })
}

/** Creates a transport with a keep-alive pool per origin, created on first use. */
export function createTransport(options: TransportOptions = {}): Transport {
  const pools = new Map<string, Dispatcher>()
  let closed = false

  function dispatcherFor(origin: string): Dispatcher {
    if (options.dispatcher) return options.dispatcher
    let pool = pools.get(origin)
    if (!pool) {
      const PoolCtor = loadPool()
      pool = new PoolCtor(origin, {
        connections: options.connections ?? 10,
        ...(options.ca === undefined ? {} : { connect: { ca: options.ca as string | Buffer[] } }),
      })
      pools.set(origin, pool)
    }
    return pool
  }

  async function send(request: HttpRequest, sendOptions: SendOptions = {}): Promise<HttpResponse> {
    if (closed) throw new NetworkError('the transport is closed', { cause: undefined })
    const { signal, timeoutMs } = sendOptions
    if (signal?.aborted) throw new AbortError({ cause: signal.reason })
    const controller = new AbortController()
    const timeout = { fired: false }
    const onAbort = (): void => {
      controller.abort(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const timer =
      timeoutMs !== undefined && timeoutMs > 0
        ? setTimeout(() => {
            timeout.fired = true
            controller.abort()
          }, timeoutMs)
        : undefined
    try {
      return await exchange(dispatcherFor(request.origin), request, controller.signal)
    } catch (error) {
      if (timeout.fired) throw new TimeoutError(timeoutMs ?? 0)
      if (signal?.aborted) throw new AbortError({ cause: signal.reason })
      throw new NetworkError(`request to ${request.origin} failed: ${describe(error)}`, {
        cause: error,
      })
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  async function close(): Promise<void> {
    closed = true
    const all = [...pools.values()]
    pools.clear()
    await Promise.all(all.map(pool => pool.close()))
  }

  return { send, close }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}
