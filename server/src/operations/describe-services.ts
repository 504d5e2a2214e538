/**
 * DescribeServices: up to 10 names or ARNs, any status (a DRAINING service whose tasks are all
 * gone reads as INACTIVE); unknown ones are `failures` MISSING. Counts come from the tasks.
 */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findService, renderService, serviceTasks } from '../resources/services.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const describeServices: OperationHandler = (input, { store, scope }) => {
  const references = strings(input, 'services') ?? []
  if (references.length > 10)
    throw errors.invalidParameter('services can name at most 10 services.')
  const include = strings(input, 'include') ?? []
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const services: object[] = []
    const failures: { arn: string; reason: string }[] = []
    for (const reference of references) {
      const service = await findService(tx, scope, cluster.clusterName, reference)
      if (!service) {
        const arn = reference.startsWith('arn:')
          ? reference
          : `arn:aws:ecs:${scope.region}:${scope.account}:service/${cluster.clusterName}/${reference}`
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
