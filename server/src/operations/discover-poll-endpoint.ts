/**
 * DiscoverPollEndpoint: agents open their channel on this server itself, so `endpoint` and
 * `telemetryEndpoint` are the server's own base URL (with a trailing slash, as ECS writes
 * them); the agent appends `ws?clusterArn=...&containerInstanceArn=...`.
 */
import type { OperationHandler } from './context.js'

export const discoverPollEndpoint: OperationHandler = (_input, { runtime }) => {
  const endpoint = runtime.endpoint.endsWith('/') ? runtime.endpoint : `${runtime.endpoint}/`
  return Promise.resolve({
    endpoint,
    telemetryEndpoint: endpoint,
    serviceConnectEndpoint: endpoint,
  })
}
