/** DescribeContainerInstances: up to 100 ids or ARNs; unknown ones are `failures` MISSING. */
import type {
  ContainerInstance,
  DescribeContainerInstancesRequest,
  DescribeContainerInstancesResponse,
  Failure,
} from '@quayside/openapi/types'
import { containerInstanceArn } from '../arn.js'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance } from '../resources/container-instances.js'
import type { OperationContext } from './context.js'

export function describeContainerInstances(
  input: DescribeContainerInstancesRequest,
  { store, scope }: OperationContext,
): Promise<DescribeContainerInstancesResponse> {
  const references = input.containerInstances
  if (references.length === 0) throw errors.invalidParameter('Container Instances cannot be empty.')
  if (references.length > 100)
    throw errors.invalidParameter('containerInstances can name at most 100 instances.')
  const include = input.include ?? []
  return store.transaction(async (tx): Promise<DescribeContainerInstancesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const containerInstances: ContainerInstance[] = []
    const failures: Failure[] = []
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
