/**
 * DiscoverPollEndpoint: where the agent opens its channel, as a base URL with a trailing slash
 * (as ECS writes them; the agent appends `ws?clusterArn=...&containerInstanceArn=...`) in
 * `endpoint`, `telemetryEndpoint` and `serviceConnectEndpoint`. It names a URL the agent can
 * reach (`--advertise-url`, else the address the agent itself used, never a wildcard bind
 * address) of this replica, or of a live and clearly less loaded one when several share the store
 * (../channel/poll-endpoint.ts).
 */
import { chooseEndpoint, ownEndpoint } from '../channel/poll-endpoint.js'
import type {
  DiscoverPollEndpointRequest,
  DiscoverPollEndpointResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export async function discoverPollEndpoint(
  _input: DiscoverPollEndpointRequest,
  { runtime, host }: OperationContext,
): Promise<DiscoverPollEndpointResponse> {
  const own = ownEndpoint({
    advertiseUrl: runtime.advertiseUrl,
    listenerUrl: runtime.endpoint,
    host,
  })
  const replicas = runtime.replicas
  const endpoint = replicas
    ? chooseEndpoint({
        self: { id: replicas.id, url: own, agents: replicas.agents() },
        replicas: await replicas.live(),
        now: Date.now(),
        freshMs: replicas.freshMs,
      })
    : own
  return {
    endpoint,
    telemetryEndpoint: endpoint,
    serviceConnectEndpoint: endpoint,
  }
}
