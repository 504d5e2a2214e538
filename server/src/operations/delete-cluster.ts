/**
 * DeleteCluster: refused while the cluster holds container instances (ACTIVE or DRAINING), services
 * or tasks; otherwise the cluster becomes INACTIVE and stays describable.
 */
import { errors } from '../errors.js'
import { activeCluster, activeInstanceCount, renderCluster } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const deleteCluster: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    if ((await activeInstanceCount(tx, scope, cluster.clusterName)) > 0) {
      throw errors.clusterContainsInstances()
    }
    if ((await tx.count(scope, 'service', cluster.clusterName)) > 0)
      throw errors.clusterContainsServices()
    if ((await tx.count(scope, 'task', cluster.clusterName)) > 0)
      throw errors.clusterContainsTasks()
    const inactive = { ...cluster, status: 'INACTIVE' as const }
    await tx.delete(scope, 'cluster', cluster.clusterName)
    await tx.put(scope, 'cluster-inactive', cluster.clusterName, '', inactive)
    return { cluster: await renderCluster(tx, scope, inactive, 'everything') }
  })
