/** DescribeContainerInstances: up to 100 ids or ARNs; unknown ones are `failures` MISSING. */
import { containerInstanceArn } from '../arn.js'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const describeContainerInstances: OperationHandler = (input, { store, scope }) => {
  const references = strings(input, 'containerInstances') ?? []
  if (references.length > 100)
    throw errors.invalidParameter('containerInstances can name at most 100 instances.')
  const include = strings(input, 'include') ?? []
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const containerInstances: object[] = []
    const failures: { arn: string; reason: string }[] = []
    for (const reference of references) {
      const instance = await findInstance(tx, scope, cluster.clusterName, reference)
      if (instance) containerInstances.push(renderInstance(instance, include))
      else {
        const arn = reference.startsWith('arn:')
          ? reference
          : containerInstanceArn(scope, cluster.clusterName, reference)
        failures.push({ arn, reason: 'MISSING' })
      }
    }
    return { containerInstances, failures }
  })
}
