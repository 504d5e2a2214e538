/** UpdateClusterSettings: merges the given settings by name. */
import {
  activeCluster,
  checkClusterSettings,
  mergeSettings,
  renderCluster,
  saveCluster,
} from '../resources/clusters.js'
import type {
  UpdateClusterSettingsRequest,
  UpdateClusterSettingsResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function updateClusterSettings(
  input: UpdateClusterSettingsRequest,
  { store, scope }: OperationContext,
): Promise<UpdateClusterSettingsResponse> {
  const settings = input.settings
  checkClusterSettings(settings)
  return store.transaction(async (tx): Promise<UpdateClusterSettingsResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    cluster.settings = mergeSettings(cluster.settings, settings)
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
