/** UpdateCluster: replaces settings (by name), configuration and serviceConnectDefaults given. */
import {
  activeCluster,
  checkClusterSettings,
  mergeSettings,
  renderCluster,
  saveCluster,
} from '../resources/clusters.js'
import type { UpdateClusterRequest, UpdateClusterResponse } from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function updateCluster(
  input: UpdateClusterRequest,
  { store, scope }: OperationContext,
): Promise<UpdateClusterResponse> {
  const settings = input.settings
  if (settings) checkClusterSettings(settings)
  return store.transaction(async (tx): Promise<UpdateClusterResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    if (settings) cluster.settings = mergeSettings(cluster.settings, settings)
    const configuration = input.configuration
    if (configuration) cluster.configuration = configuration
    const namespace = input.serviceConnectDefaults?.namespace
    if (namespace !== undefined) cluster.serviceConnectDefaults = { namespace }
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
