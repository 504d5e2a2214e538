/**
 * The client. `ECS` inherits one method per operation from the generated `EcsOperations` and
 * supplies `send`, which does the AWS JSON 1.1 exchange:
 *
 *   input ─► JSON body + X-Amz-Target ─► (each attempt) sign with SigV4 ─► transport
 *         ─► 2xx: output object │ else: EcsServiceError ─► retry policy decides
 */
import { resolveCredentials, resolveRegion, processSource } from './credentials.js'
import type { ConfigSource, Credentials, CredentialsProvider } from './credentials.js'
import { ConfigError } from './errors.js'
import { EcsPaginators, EcsWaiters } from './generated/helpers.js'
import { EcsOperations } from './generated/operations.js'
import type { OperationMap, OperationName } from '@quayside/openapi/types'
import type { CallOptions, ClientOptions } from './options.js'
import { parseError, parseOutput } from './response.js'
import { retryPolicy, withRetries } from './retry.js'
import type { RetryPolicy } from './retry.js'
import { signRequest } from './signer.js'
import { createTransport } from './transport.js'
import type { Transport } from './transport.js'

const TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'
const SIGNING_NAME = 'ecs'
const USER_AGENT = 'quayside-sdk/0.1.0'

/** Where and as whom requests go; settled on the first call. */
interface Resolved {
  readonly url: URL
  readonly region: string
  readonly credentials: CredentialsProvider
}

/** The default AWS endpoint of a region. */
export function awsEndpoint(region: string): string {
  return `https://ecs.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
}

/**
 * A client for the Amazon ECS API, for quayside and AWS alike.
 *
 * ```ts
 * const ecs = new ECS({ endpoint: 'http://127.0.0.1:4100', region: 'us-east-1' })
 * const { cluster } = await ecs.createCluster({ clusterName: 'web' })
 * const { tasks } = await ecs.runTask({ cluster: 'web', taskDefinition: 'app' })
 * for await (const arn of ecs.paginate.listTasks({ cluster: 'web' })) console.log(arn)
 * const arns = (tasks ?? []).map(task => task.taskArn ?? '')
 * await ecs.waitFor.tasksRunning({ cluster: 'web', tasks: arns }, { maxWaitSeconds: 300 })
 * ```
 *
 * Region, endpoint and credentials are resolved on the first call (so constructing never throws
 * for a missing environment); call {@link ECS.close} to release the keep-alive connections.
 */
export class ECS extends EcsOperations {
  /** Paginators for the paginated operations: items with `for await`, or `.pages()`. */
  readonly paginate: EcsPaginators
  /** Waiters: `await ecs.waitFor.tasksRunning(input, { maxWaitSeconds })`. */
  readonly waitFor: EcsWaiters

  readonly #options: ClientOptions
  readonly #source: ConfigSource
  readonly #transport: Transport
  readonly #ownsTransport: boolean
  readonly #retry: RetryPolicy
  #resolved: Promise<Resolved> | undefined

  /**
   * @param options - see {@link ClientOptions}
   * @param source - the environment and files credentials and region come from (tests only)
   */
  constructor(options: ClientOptions = {}, source: ConfigSource = processSource) {
    super()
    this.#options = options
    this.#source = source
    this.#retry = retryPolicy(options.retry)
    this.#ownsTransport = options.transport === undefined
    this.#transport =
      options.transport ??
      createTransport({
        ca: options.ca,
        connections: options.connections,
        dispatcher: options.dispatcher,
      })
    this.paginate = new EcsPaginators(this)
    this.waitFor = new EcsWaiters(this)
  }

  /** Closes the client's connections (not a transport or dispatcher passed in). */
  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close()
  }

  #resolve(): Promise<Resolved> {
    this.#resolved ??= Promise.resolve().then(() => {
      const { endpoint, credentials } = this.#options
      const region =
        this.#options.region ?? resolveRegion(this.#source) ?? (endpoint ? 'us-east-1' : undefined)
      if (region === undefined) {
        throw new ConfigError('no region: pass `region`, set AWS_REGION, or give an `endpoint`')
      }
      let url: URL
      try {
        url = new URL(endpoint ?? awsEndpoint(region))
      } catch (error) {
        throw new ConfigError(`invalid endpoint ${JSON.stringify(endpoint)}`, { cause: error })
      }
      let provider: CredentialsProvider
      if (typeof credentials === 'function') provider = credentials
      else {
        const fixed: Credentials = credentials ?? resolveCredentials(this.#source)
        provider = () => fixed
      }
      return { url, region, credentials: provider }
    })
    // a failed resolution (say, credentials not there yet) is retried on the next call
    void this.#resolved.catch(() => (this.#resolved = undefined))
    return this.#resolved
  }

  protected override async send<Op extends OperationName>(
    operation: Op,
    input: OperationMap[Op]['input'],
    options: CallOptions | undefined,
  ): Promise<OperationMap[Op]['output']> {
    const { url, region, credentials } = await this.#resolve()
    const body = JSON.stringify(input)
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-target': `${TARGET_PREFIX}.${operation}`,
      'user-agent': USER_AGENT,
    }
    const policy = options?.retry ? retryPolicy({ ...this.#retry, ...options.retry }) : this.#retry
    const timeoutMs = options?.timeoutMs ?? this.#options.timeoutMs
    const signal = options?.signal
    const now = this.#options.now ?? (() => new Date())
    return withRetries(
      async () => {
        const signed = signRequest(
          { url, headers, body },
          { credentials: await credentials(), region, service: SIGNING_NAME, now: now() },
        )
        const response = await this.#transport.send(
          { origin: url.origin, path: url.pathname, method: 'POST', headers: signed, body },
          { signal, timeoutMs },
        )
        if (response.statusCode >= 200 && response.statusCode < 300) {
          return parseOutput(operation, response) as OperationMap[Op]['output']
        }
        throw parseError(operation, response)
      },
      policy,
      { signal },
    )
  }
}
