/** DeleteAttributes: removes attributes from container instances; unknown targets are refused. */
import type { DeleteAttributesRequest, DeleteAttributesResponse } from '@quayside/openapi/types'
import { checkAttributes, editAttributes } from '../resources/attributes.js'
import { activeCluster } from '../resources/clusters.js'
import { tellInstanceChange } from '../services/instance-changes.js'
import type { OperationContext } from './context.js'

export async function deleteAttributes(
  input: DeleteAttributesRequest,
  { store, scope, runtime }: OperationContext,
): Promise<DeleteAttributesResponse> {
  const attributes = input.attributes
  checkAttributes(attributes, false)
  let clusterName = ''
  const answer = await store.transaction(async (tx): Promise<DeleteAttributesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    clusterName = cluster.clusterName
    await editAttributes(tx, scope, cluster.clusterName, attributes, (instance, attribute) => {
      instance.attributes = instance.attributes.filter(a => a.name !== attribute.name)
    })
    return { attributes }
  })
  tellInstanceChange(runtime, scope, clusterName)
  return answer
}
