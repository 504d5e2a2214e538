/**
 * PutClusterCapacityProviders: replaces the cluster's capacity providers and default strategy.
 * Only the built-in FARGATE and FARGATE_SPOT names exist here (no CreateCapacityProvider yet); a
 * strategy may only use providers in the list.
 */
import { errors } from '../errors.js'
import { activeCluster, renderCluster, saveCluster } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { objects, str, strings } from './input.js'

const KNOWN = new Set(['FARGATE', 'FARGATE_SPOT'])

export const putClusterCapacityProviders: OperationHandler = (input, { store, scope }) => {
  const providers = strings(input, 'capacityProviders') ?? []
  const strategy =
    objects<{ capacityProvider?: string }>(input, 'defaultCapacityProviderStrategy') ?? []
  for (const name of providers) {
    if (!KNOWN.has(name))
      throw errors.invalidParameter(`The specified capacity provider ${name} does not exist.`)
  }
  for (const item of strategy) {
    if (!providers.includes(item.capacityProvider ?? '')) {
      throw errors.invalidParameter(
        `The specified capacity provider strategy contains a capacity provider that is not associated with the cluster: ${String(item.capacityProvider)}`,
      )
    }
  }
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    cluster.capacityProviders = providers
    cluster.defaultCapacityProviderStrategy = strategy
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
