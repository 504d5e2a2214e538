/**
 * UpdateContainerInstancesState: ACTIVE or DRAINING for up to 10 instances. Unknown or INACTIVE
 * instances are `failures` (MISSING / INACTIVE); the others change and their `version` rises.
 */
import { containerInstanceArn } from '../arn.js'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance, saveInstance } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const updateContainerInstancesState: OperationHandler = (input, { store, scope }) => {
  const references = strings(input, 'containerInstances') ?? []
  const status = str(input, 'status')
  if (status !== 'ACTIVE' && status !== 'DRAINING') {
    throw errors.invalidParameter('Container instance status can only be ACTIVE or DRAINING.')
  }
  if (references.length > 10)
    throw errors.invalidParameter('containerInstances can name at most 10 instances.')
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const containerInstances: object[] = []
    const failures: { arn: string; reason: string }[] = []
    for (const reference of references) {
      const instance = await findInstance(tx, scope, cluster.clusterName, reference)
      const arn = reference.startsWith('arn:')
        ? reference
        : containerInstanceArn(scope, cluster.clusterName, reference)
      if (!instance) failures.push({ arn, reason: 'MISSING' })
      else if (instance.status === 'INACTIVE') failures.push({ arn, reason: 'INACTIVE' })
      else {
        if (instance.status !== status) {
          instance.status = status
          instance.version += 1
          await saveInstance(tx, scope, cluster.clusterName, instance)
        }
        containerInstances.push(renderInstance(instance, []))
      }
    }
    return { containerInstances, failures }
  })
}
