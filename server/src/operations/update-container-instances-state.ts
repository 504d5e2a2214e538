/**
 * UpdateContainerInstancesState: ACTIVE or DRAINING for up to 10 instances. Unknown or INACTIVE
 * instances are `failures` (MISSING / INACTIVE); the others change and their `version` rises.
 */
import type {
  ContainerInstance,
  Failure,
  UpdateContainerInstancesStateRequest,
  UpdateContainerInstancesStateResponse,
} from '@quayside/openapi/types'
import { containerInstanceArn } from '../arn.js'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance, saveInstance } from '../resources/container-instances.js'
import { tellInstanceChange } from '../services/instance-changes.js'
import type { OperationContext } from './context.js'

export async function updateContainerInstancesState(
  input: UpdateContainerInstancesStateRequest,
  { store, scope, runtime }: OperationContext,
): Promise<UpdateContainerInstancesStateResponse> {
  const references = input.containerInstances
  const status = input.status
  if (status !== 'ACTIVE' && status !== 'DRAINING') {
    throw errors.invalidParameter('Container instance status can only be ACTIVE or DRAINING.')
  }
  if (references.length > 10)
    throw errors.invalidParameter('containerInstances can name at most 10 instances.')
  let clusterName = ''
  const answer = await store.transaction(
    async (tx): Promise<UpdateContainerInstancesStateResponse> => {
      const cluster = await activeCluster(tx, scope, input.cluster)
      clusterName = cluster.clusterName
      const containerInstances: ContainerInstance[] = []
      const failures: Failure[] = []
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
    },
  )
  tellInstanceChange(runtime, scope, clusterName)
  return answer
}
