/**
 * DeregisterContainerInstance: the instance becomes INACTIVE (still describable). Without `force`
 * it is refused while tasks run on it; no tasks exist before the next issue, so `force` changes
 * nothing yet.
 */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance, saveInstance } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { bool, str } from './input.js'

export const deregisterContainerInstance: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const reference = str(input, 'containerInstance') ?? ''
    const instance = await findInstance(tx, scope, cluster.clusterName, reference)
    if (!instance || instance.status === 'INACTIVE') {
      throw errors.invalidParameter(
        `The referenced container instance ${reference} is not registered in this cluster.`,
      )
    }
    if (instance.runningTasksCount > 0 && bool(input, 'force') !== true) {
      throw errors.invalidParameter(
        'Container instance has tasks running. Stop them first or deregister with force.',
      )
    }
    instance.status = 'INACTIVE'
    instance.agentConnected = false
    instance.version += 1
    await saveInstance(tx, scope, cluster.clusterName, instance)
    return { containerInstance: renderInstance(instance, []) }
  })
