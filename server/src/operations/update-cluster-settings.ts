/** UpdateClusterSettings: merges the given settings by name. */
import {
  activeCluster,
  checkClusterSettings,
  mergeSettings,
  renderCluster,
  saveCluster,
} from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { objects, str } from './input.js'

export const updateClusterSettings: OperationHandler = (input, { store, scope }) => {
  const settings = objects<{ name?: string; value?: string }>(input, 'settings') ?? []
  checkClusterSettings(settings)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    cluster.settings = mergeSettings(cluster.settings, settings)
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
