/**
 * Starting and stopping a quayside server: {@link startServer} for tests and `quayside up`,
 * {@link serverCommand} for `quayside server`.
 */
import { join } from 'node:path'
import { defaultCredentials, loadCredentials, type CredentialSet } from './auth/credentials.js'
import { TokenBuckets, type ThrottleRates } from './auth/throttle.js'
import { AgentChannel } from './channel/agent-channel.js'
import { checkAdvertiseUrl } from './channel/poll-endpoint.js'
import { ReplicaRegistry } from './channel/replica-registry.js'
import { EcsServerError } from './errors.js'
import { createPipeline, type AnswerHook } from './http/handle-request.js'
import { DEFAULT_BODY_LIMIT } from './http/body.js'
import { requestLogger, type LogFormat } from './http/log.js'
import { isLoopback, listen } from './http/server.js'
import { allOperations, allValidators } from './apis.js'
import { createRuntime } from './runtime.js'
import { readOrCreateKey, SECRETS_KEY_FILE } from './secrets/key-file.js'
import {
  DEFAULT_LAUNCHES_PER_MINUTE,
  DEFAULT_SERVICE_PASS_INTERVAL_MS,
  ServiceLoop,
} from './services/service-loop.js'
import { openStore } from './store/index.js'

/** Options of {@link startServer}; every member has the `quayside server` flag's default. */
export interface ServerOptions {
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string | undefined
  /** Port to bind; 0 picks a free one (default 4100). */
  readonly port?: number | undefined
  /** Directory of the SQLite database (default ./.quayside). */
  readonly dataDir?: string | undefined
  /** `postgres://...` for PostgreSQL; SQLite in dataDir when absent. */
  readonly store?: string | undefined
  /** Account of the default credentials (default 000000000000). */
  readonly accountId?: string | undefined
  /** Region shown to users (requests use their SigV4 scope's region). Default us-east-1. */
  readonly region?: string | undefined
  /** Path of a credentials JSON file; without it only test/test is accepted. */
  readonly credentialsFile?: string | undefined
  /** Accepted credentials given directly (tests); wins over credentialsFile. */
  readonly credentials?: CredentialSet | undefined
  readonly tlsCert?: string | undefined
  readonly tlsKey?: string | undefined
  /** Request log format on stderr (default text); 'none' for quiet tests. */
  readonly logFormat?: LogFormat | undefined
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number | undefined
  /** How long stopped tasks stay describable, in ms (default one hour, as ECS). */
  readonly stoppedTaskRetentionMs?: number | undefined
  /** Agent channel: heartbeat and resend interval in ms (default 30 000). */
  readonly agentHeartbeatIntervalMs?: number | undefined
  /** Agent channel: silence beyond one interval before `agentConnected` turns false (default 60 000). */
  readonly agentHeartbeatGraceMs?: number | undefined
  /** Agent channel: least time between two task payloads to one agent (default 100). */
  readonly agentPayloadSpacingMs?: number | undefined
  /**
   * The base URL agents are told to open their channel at (DiscoverPollEndpoint), for a server
   * behind NAT or a proxy, or bound to all interfaces; without it, the URL the agent itself
   * used. With several replicas on PostgreSQL, only replicas that advertise a URL are named to
   * agents of other replicas.
   */
  readonly advertiseUrl?: string | undefined
  /**
   * Request throttling: token buckets per account, region and action group with these rates
   * (`DEFAULT_THROTTLE_RATES` is ECS-like); absent, nothing is throttled (tests, `quayside up`).
   * `quayside server` throttles with the defaults unless `--no-throttle`.
   */
  readonly throttling?: ThrottleRates | undefined
  /**
   * The service scheduler (src/services/service-loop.ts): false turns it off, so services are
   * records only (default on).
   */
  readonly serviceScheduler?: boolean | undefined
  /** The service scheduler's periodic pass, in ms (default 3 000). */
  readonly servicePassIntervalMs?: number | undefined
  /** Tasks a service may launch per minute (default 250, ECS's quota). */
  readonly serviceLaunchesPerMinute?: number | undefined
  /**
   * The service scheduler's back-off for a deployment whose tasks stop before they are RUNNING:
   * the gap after the first failed start, doubling with each one after it up to the cap, in ms
   * (default 10 000 and 900 000, ECS's 15 minutes).
   */
  readonly serviceLaunchBackoffBaseMs?: number | undefined
  readonly serviceLaunchBackoffCapMs?: number | undefined
  /**
   * The clock (epoch ms) the service scheduler judges tasks' health by (the 40 s rule, the grace
   * period); default Date.now. Tests move it on instead of waiting.
   */
  readonly serviceClock?: (() => number) | undefined
  /** Sees every API answer once sent; the tests check answers against the spec with it. */
  readonly onAnswer?: AnswerHook | undefined
  /**
   * The key file SSM parameters and secrets are encrypted with (default `secrets.key` in the data
   * directory; created, mode 0600, when first needed). Replicas sharing PostgreSQL need the same.
   */
  readonly secretsKeyFile?: string | undefined
}

/** A running server. */
export interface RunningServer {
  /** Base URL clients use as `endpoint_url`. */
  readonly url: string
  readonly port: number
  /** The start-up line (endpoint, store, credentials) printed by `quayside server`. */
  readonly banner: string
  /** Warnings worth printing (e.g. plain HTTP on a public address). */
  readonly warnings: readonly string[]
  /** Stops accepting, finishes requests in flight, closes the store. */
  close(): Promise<void>
  /**
   * Stops as if the process had died: agent sockets dropped without recording anything, so its
   * agents keep reading as connected until their lease (heartbeat interval + grace) runs out.
   * For tests of replica failure; `close()` is the orderly way.
   */
  abort(): Promise<void>
}

let validators: ReturnType<typeof allValidators> | undefined

/**
 * The specs' input schemas, compiled once per process for every operation of every API (about
 * half a second): the specs never change while the process runs, and a schema a spec lacks fails
 * start-up rather than a request.
 */
function compiledValidators(): ReturnType<typeof allValidators> {
  if (!validators) {
    const built = allValidators()
    for (const operation of allOperations.keys()) built(operation)
    validators = built
  }
  return validators
}

/** Opens the store and starts listening; resolves once `GET /health` would answer 200. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const advertised = checkAdvertiseUrl(options.advertiseUrl)
  if (advertised !== undefined) throw new EcsServerError('ECS_SRV_CONFIG', advertised)
  const accountId = options.accountId ?? '000000000000'
  const credentials =
    options.credentials ??
    (options.credentialsFile !== undefined
      ? await loadCredentials(options.credentialsFile, accountId)
      : defaultCredentials(accountId))
  const store = await openStore({ store: options.store, dataDir: options.dataDir ?? './.quayside' })
  const log = requestLogger(options.logFormat ?? 'text')
  const keyFile = options.secretsKeyFile ?? join(options.dataDir ?? './.quayside', SECRETS_KEY_FILE)
  let secretsKey: Buffer | undefined
  const runtime = createRuntime({
    stoppedTaskRetentionMs: options.stoppedTaskRetentionMs,
    secretsKey: () => (secretsKey ??= readOrCreateKey(keyFile)),
  })
  const onFault = (error: unknown, requestId: string) => {
    process.stderr.write(
      `quayside: request ${requestId} failed: ${(error as Error).stack ?? String(error)}\n`,
    )
  }
  const heartbeatIntervalMs = options.agentHeartbeatIntervalMs ?? 30_000
  const heartbeatGraceMs = options.agentHeartbeatGraceMs ?? 60_000
  const channel = new AgentChannel(
    store,
    credentials,
    runtime,
    {
      heartbeatIntervalMs,
      heartbeatGraceMs,
      payloadSpacingMs: options.agentPayloadSpacingMs,
    },
    error => {
      onFault(error, 'agent-channel')
    },
  )
  let listener
  try {
    await channel.start()
    listener = await listen({
      host,
      port: options.port ?? 4100,
      tlsCert: options.tlsCert,
      tlsKey: options.tlsKey,
      handler: createPipeline({
        store,
        credentials,
        handlers: allOperations,
        validatorFor: compiledValidators(),
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        log,
        onFault,
        runtime,
        onAnswer: options.onAnswer,
        throttle: options.throttling && new TokenBuckets(options.throttling),
      }),
      onUpgrade: channel.handleUpgrade,
    })
  } catch (error) {
    await channel.close()
    await store.close()
    throw error
  }
  runtime.endpoint = listener.url
  runtime.advertiseUrl = options.advertiseUrl
  // replicas sharing the store record themselves there, so DiscoverPollEndpoint names a live one
  const registry = store.notifications
    ? new ReplicaRegistry(store, {
        url: options.advertiseUrl,
        heartbeatIntervalMs,
        heartbeatGraceMs,
        agents: () => channel.agentCount,
        onFault: error => {
          onFault(error, 'replica-registry')
        },
      })
    : undefined
  try {
    await registry?.start()
  } catch (error) {
    await channel.close()
    await listener.close()
    await store.close()
    throw error
  }
  runtime.replicas = registry
  const services =
    options.serviceScheduler === false
      ? undefined
      : new ServiceLoop(store, runtime, {
          intervalMs: options.servicePassIntervalMs ?? DEFAULT_SERVICE_PASS_INTERVAL_MS,
          launchesPerMinute: options.serviceLaunchesPerMinute ?? DEFAULT_LAUNCHES_PER_MINUTE,
          launchBackoffBaseMs: options.serviceLaunchBackoffBaseMs,
          launchBackoffCapMs: options.serviceLaunchBackoffCapMs,
          clock: options.serviceClock,
          onFault: error => {
            onFault(error, 'service-scheduler')
          },
        })
  services?.start()
  const warnings: string[] = []
  if (!isLoopback(host) && options.tlsCert === undefined) {
    warnings.push(
      `warning: serving plain HTTP on ${host}, reachable beyond this machine; use --tls-cert and --tls-key`,
    )
  }
  const who =
    options.credentials === undefined && options.credentialsFile === undefined
      ? 'accepting only the access key test/test (no --credentials given)'
      : `accepting ${credentials.size} access key${credentials.size === 1 ? '' : 's'}`
  const region = options.region ?? 'us-east-1'
  const banner = `quayside server listening on ${listener.url} (store: ${store.kind}, default region ${region}, ${who})`
  let closing: Promise<void> | undefined
  const stop = (stopChannel: () => Promise<void>) =>
    (closing ??= (async () => {
      await stopChannel()
      await listener.close()
      await store.close()
    })())
  return {
    url: listener.url,
    port: listener.port,
    banner,
    warnings,
    close: () =>
      stop(async () => {
        await services?.close()
        await registry?.close().catch((error: unknown) => {
          onFault(error, 'replica-registry')
        })
        await channel.close()
      }),
    abort: () =>
      stop(async () => {
        await services?.abandon()
        registry?.abandon()
        return channel.abandon()
      }),
  }
}
