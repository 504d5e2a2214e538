/**
 * DescribeServices: up to 10 names or ARNs, any status (a DRAINING service whose tasks are all
 * gone reads as INACTIVE); unknown ones are `failures` MISSING. Counts come from the tasks.
 */
import type {
  DescribeServicesRequest,
  DescribeServicesResponse,
  Failure,
  Service,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findService, renderService, serviceTasks } from '../resources/services.js'
import type { OperationContext } from './context.js'

export function describeServices(
  input: DescribeServicesRequest,
  { store, scope }: OperationContext,
): Promise<DescribeServicesResponse> {
  const references = input.services
  if (references.length > 10)
    throw errors.invalidParameter('services can name at most 10 services.')
  const include = input.include ?? []
  return store.transaction(async (tx): Promise<DescribeServicesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const services: Service[] = []
    const failures: Failure[] = []
    for (const reference of references) {
      const service = await findService(tx, scope, cluster.clusterName, reference)
      if (!service) {
        const arn = reference.startsWith('arn:')
          ? reference
          : `arn:aws:ecs:${scope.region}:${scope.account}:service/${reference}`
        failures.push({ arn, reason: 'MISSING' })
        continue
      }
      const tasks = await serviceTasks(tx, scope, cluster.clusterName, service.serviceName)
      if (service.status === 'DRAINING' && tasks.length === 0) service.status = 'INACTIVE'
      services.push(renderService(service, tasks, include))
    }
    return { services, failures }
  })
}
