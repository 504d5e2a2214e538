/**
 * The options a client is built with and the options of a single call.
 */
import type { Dispatcher } from 'undici'
import type { Credentials, CredentialsProvider } from './credentials.js'
import type { RetryOptions } from './retry.js'
import type { Transport } from './transport.js'

/** Options of `new ECS(options)`. Everything is optional; see the README for the defaults. */
export interface ClientOptions {
  /**
   * Base URL of the service, e.g. `http://127.0.0.1:4100` for quayside. Without it the client
   * talks to AWS: `https://ecs.<region>.amazonaws.com` (`.amazonaws.com.cn` for `cn-` regions).
   */
  readonly endpoint?: string | undefined
  /** Signing region; else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region, or
   * `us-east-1` when an `endpoint` is given. */
  readonly region?: string | undefined
  /** Access keys, or a function returning them; else the environment and shared files. */
  readonly credentials?: Credentials | CredentialsProvider | undefined
  /** Retry policy (default: 3 attempts, full-jitter backoff from 100 ms, at most 20 s). */
  readonly retry?: RetryOptions | undefined
  /** Default per-attempt timeout in milliseconds (default: none). */
  readonly timeoutMs?: number | undefined
  /** Extra trusted CA certificate(s), PEM, for an endpoint with a private CA. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined
  /** Keep-alive connections per endpoint (default 10). */
  readonly connections?: number | undefined
  /** An undici dispatcher (a `ProxyAgent`, a `MockAgent`) to send through; not closed by `close()`. */
  readonly dispatcher?: Dispatcher | undefined
  /** A whole transport to send through instead of undici (tests, custom stacks). */
  readonly transport?: Transport | undefined
  /** The signing clock (default: the system clock); adjust it to correct clock skew. */
  readonly now?: (() => Date) | undefined
}

/** Options of one operation call: `ecs.listClusters({}, { signal, timeoutMs })`. */
export interface CallOptions {
  /** Aborts the call, including any retry wait, with an `AbortError`. */
  readonly signal?: AbortSignal | undefined
  /** Per-attempt timeout in milliseconds, overriding the client's. */
  readonly timeoutMs?: number | undefined
  /** Retry policy for this call, merged over the client's. */
  readonly retry?: RetryOptions | undefined
}
