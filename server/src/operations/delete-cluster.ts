/**
 * DeleteCluster: refused while the cluster holds container instances (ACTIVE or DRAINING), services
 * or tasks; otherwise the cluster becomes INACTIVE and stays describable.
 */
import { errors } from '../errors.js'
import { activeCluster, activeInstanceCount, renderCluster } from '../resources/clusters.js'
import type { ServiceDocument } from '../resources/services.js'
import type { TaskRecord } from '../resources/tasks.js'
import type { DeleteClusterRequest, DeleteClusterResponse } from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function deleteCluster(
  input: DeleteClusterRequest,
  { store, scope }: OperationContext,
): Promise<DeleteClusterResponse> {
  return store.transaction(async (tx): Promise<DeleteClusterResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    if ((await activeInstanceCount(tx, scope, cluster.clusterName)) > 0) {
      throw errors.clusterContainsInstances()
    }
    const services = await tx.list<ServiceDocument>(scope, 'service', {
      parent: cluster.clusterName,
    })
    if (services.some(s => s.body.status !== 'INACTIVE')) throw errors.clusterContainsServices()
    // Stopped tasks (kept for DescribeTasks) do not hold a cluster, as in ECS.
    const tasks = await tx.list<TaskRecord>(scope, 'task', { parent: cluster.clusterName })
    if (tasks.some(d => d.body.task.lastStatus !== 'STOPPED')) throw errors.clusterContainsTasks()
    const inactive = { ...cluster, status: 'INACTIVE' as const }
    await tx.delete(scope, 'cluster', cluster.clusterName)
    await tx.put(scope, 'cluster-inactive', cluster.clusterName, '', inactive)
    return { cluster: await renderCluster(tx, scope, inactive, 'everything') }
  })
}
