/**
 * PutClusterCapacityProviders: replaces the cluster's capacity providers and default strategy.
 * Only the built-in FARGATE and FARGATE_SPOT names exist here (no CreateCapacityProvider yet); a
 * strategy may only use providers in the list.
 */
import { errors } from '../errors.js'
import { activeCluster, renderCluster, saveCluster } from '../resources/clusters.js'
import type {
  PutClusterCapacityProvidersRequest,
  PutClusterCapacityProvidersResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

const KNOWN = new Set(['FARGATE', 'FARGATE_SPOT'])

export function putClusterCapacityProviders(
  input: PutClusterCapacityProvidersRequest,
  { store, scope }: OperationContext,
): Promise<PutClusterCapacityProvidersResponse> {
  const providers = input.capacityProviders
  const strategy = input.defaultCapacityProviderStrategy
  for (const name of providers) {
    if (!KNOWN.has(name))
      throw errors.invalidParameter(`The specified capacity provider ${name} does not exist.`)
  }
  for (const item of strategy) {
    if (!providers.includes(item.capacityProvider)) {
      throw errors.invalidParameter(
        `The specified capacity provider strategy contains a capacity provider that is not associated with the cluster: ${item.capacityProvider}`,
      )
    }
  }
  return store.transaction(async (tx): Promise<PutClusterCapacityProvidersResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    cluster.capacityProviders = providers
    cluster.defaultCapacityProviderStrategy = strategy
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
