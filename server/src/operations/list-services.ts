/**
 * ListServices: the ACTIVE services of a cluster (DRAINING and INACTIVE ones are left out, as in
 * ECS), by `launchType` and `schedulingStrategy`; paginated by name (1-100, default 10).
 */
import type { ListServicesRequest, ListServicesResponse } from '@quayside/openapi/types'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import { activeCluster } from '../resources/clusters.js'
import type { ServiceDocument } from '../resources/services.js'
import type { OperationContext } from './context.js'

export function listServices(
  input: ListServicesRequest,
  { store, scope }: OperationContext,
): Promise<ListServicesResponse> {
  const limit = pageSize(input.maxResults, 100, 10)
  const { launchType, schedulingStrategy } = input
  return store.transaction(async (tx): Promise<ListServicesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const filters = { cluster: cluster.clusterName, launchType, schedulingStrategy }
    const after = decodeToken('ListServices', filters, input.nextToken)
    const docs = await tx.list<ServiceDocument>(scope, 'service', {
      parent: cluster.clusterName,
      after,
    })
    const matching = docs.filter(
      d =>
        d.body.status === 'ACTIVE' &&
        (launchType === undefined || d.body.launchType === launchType) &&
        (schedulingStrategy === undefined || d.body.schedulingStrategy === schedulingStrategy),
    )
    const page = matching.slice(0, limit)
    const last = page[page.length - 1]
    return {
      serviceArns: page.map(d => d.body.serviceArn),
      ...(matching.length > limit && last
        ? { nextToken: encodeToken('ListServices', filters, last.id) }
        : {}),
    }
  })
}
