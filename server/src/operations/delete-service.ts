/**
 * DeleteService: refused while a REPLICA service's desiredCount is above 0 unless `force`; the
 * service then scales to 0 and is DRAINING while tasks of it remain (out of ListServices, still
 * in DescribeServices), INACTIVE once none do.
 */
import type { DeleteServiceRequest, DeleteServiceResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { activeService, renderService, saveService, serviceTasks } from '../resources/services.js'
import { epochSeconds, type OperationContext } from './context.js'
import { tellScheduler } from '../services/service-changes.js'

export async function deleteService(
  input: DeleteServiceRequest,
  { store, scope, runtime }: OperationContext,
): Promise<DeleteServiceResponse> {
  const answer = await store.transaction(async (tx): Promise<DeleteServiceResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const service = await activeService(tx, scope, cluster.clusterName, input.service)
    if (
      service.schedulingStrategy === 'REPLICA' &&
      service.desiredCount > 0 &&
      input.force !== true
    )
      throw errors.invalidParameter('The service cannot be stopped while it is scaled above 0.')
    const tasks = await serviceTasks(tx, scope, cluster.clusterName, service.serviceName)
    const now = epochSeconds()
    service.desiredCount = 0
    for (const d of service.deployments) {
      d.desiredCount = 0
      d.updatedAt = now
    }
    service.status = tasks.length > 0 ? 'DRAINING' : 'INACTIVE'
    await saveService(tx, scope, cluster.clusterName, service)
    return { service: renderService(service, tasks, ['TAGS']) }
  })
  tellScheduler(runtime, scope, answer.service)
  return answer
}
