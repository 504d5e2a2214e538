/** UpdateCluster: replaces settings (by name), configuration and serviceConnectDefaults given. */
import {
  activeCluster,
  checkClusterSettings,
  mergeSettings,
  renderCluster,
  saveCluster,
} from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { object, objects, str } from './input.js'

export const updateCluster: OperationHandler = (input, { store, scope }) => {
  const settings = objects<{ name?: string; value?: string }>(input, 'settings')
  if (settings) checkClusterSettings(settings)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    if (settings) cluster.settings = mergeSettings(cluster.settings, settings)
    const configuration = object(input, 'configuration')
    if (configuration) cluster.configuration = configuration
    const namespace = object<{ namespace?: string }>(input, 'serviceConnectDefaults')?.namespace
    if (namespace !== undefined) cluster.serviceConnectDefaults = { namespace }
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
