/**
 * The agent's API client over several server replicas (`--endpoint` repeated): every call goes to
 * the current endpoint, and when that one cannot be reached (refused, reset, timed out) or
 * answers a server fault (HTTP 5xx), to the next, each endpoint tried at most once per call. The
 * endpoint that answered stays current, so a dead replica costs one failed attempt, not one per
 * call. A client error (4xx) is the answer and is not tried elsewhere: every replica shares one
 * store and would say the same.
 *
 * A DNS name with several addresses needs nothing of this: Node tries each address the name
 * resolves to in turn when connecting (`autoSelectFamily`, on by default), and DiscoverPollEndpoint
 * answers the name the agent used.
 */
import {
  ECS,
  isEcsSdkError,
  isEcsServiceError,
  type CallOptions,
  type ClientOptions,
  type OperationMap,
  type OperationName,
} from '@quayside/sdk'

/** An {@link ECS} client whose `send` is callable from {@link FailoverEcs}. */
class EndpointClient extends ECS {
  readonly endpoint: string

  constructor(options: ClientOptions & { readonly endpoint: string }) {
    super(options)
    this.endpoint = options.endpoint
  }

  call<Op extends OperationName>(
    operation: Op,
    input: OperationMap[Op]['input'],
    options: CallOptions | undefined,
  ): Promise<OperationMap[Op]['output']> {
    return this.send(operation, input, options)
  }
}

/** True when `error` says the replica is gone or broken rather than the request wrong. */
export function isReplicaFailure(error: unknown): boolean {
  if (isEcsServiceError(error)) return error.statusCode >= 500
  return (
    isEcsSdkError(error) && (error.code === 'ECS_SDK_NETWORK' || error.code === 'ECS_SDK_TIMEOUT')
  )
}

/**
 * Every ECS operation, sent to the first replica of `endpoints` that answers. An {@link ECS}
 * itself (paginators and waiters included), so that it goes wherever a client does.
 */
export class FailoverEcs extends ECS {
  readonly #clients: readonly EndpointClient[]
  readonly #onFailover: ((from: string, to: string) => void) | undefined
  #current = 0

  /**
   * @param endpoints - the replicas' base URLs, at least one, tried in this order
   * @param options - the options of each replica's {@link ECS} client (without `endpoint`)
   * @param onFailover - told when calls move from one endpoint to another
   */
  constructor(
    endpoints: readonly string[],
    options: Omit<ClientOptions, 'endpoint'> = {},
    onFailover?: (from: string, to: string) => void,
  ) {
    if (endpoints.length === 0) throw new TypeError('FailoverEcs needs at least one endpoint')
    // the base client is never sent through (send is overridden), so it opens no connection
    super({ ...options, endpoint: endpoints[0] })
    this.#clients = endpoints.map(endpoint => new EndpointClient({ ...options, endpoint }))
    this.#onFailover = onFailover
  }

  /** The endpoint calls go to now. */
  get endpoint(): string {
    return this.#clients[this.#current]?.endpoint ?? ''
  }

  protected override async send<Op extends OperationName>(
    operation: Op,
    input: OperationMap[Op]['input'],
    options: CallOptions | undefined,
  ): Promise<OperationMap[Op]['output']> {
    const count = this.#clients.length
    const first = this.#current
    let failure: unknown
    for (let tried = 0; tried < count; tried++) {
      const index = (first + tried) % count
      const client = this.#clients[index]
      if (!client) break
      try {
        const output = await client.call(operation, input, options)
        if (this.#current !== index) {
          const from = this.endpoint
          this.#current = index
          this.#onFailover?.(from, client.endpoint)
        }
        return output
      } catch (error) {
        if (!isReplicaFailure(error) || options?.signal?.aborted === true) throw error
        failure = error
      }
    }
    throw failure
  }

  /** Closes every replica's connections. */
  override async close(): Promise<void> {
    await Promise.all([super.close(), ...this.#clients.map(client => client.close())])
  }
}
