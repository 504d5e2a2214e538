/** PutAttributes: sets custom attributes on container instances (at most 10 custom per instance). */
import type { PutAttributesRequest, PutAttributesResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { checkAttributes, editAttributes, MAX_CUSTOM_ATTRIBUTES } from '../resources/attributes.js'
import { activeCluster } from '../resources/clusters.js'
import { tellInstanceChange } from '../services/instance-changes.js'
import type { OperationContext } from './context.js'

export async function putAttributes(
  input: PutAttributesRequest,
  { store, scope, runtime }: OperationContext,
): Promise<PutAttributesResponse> {
  const attributes = input.attributes
  checkAttributes(attributes, true)
  let clusterName = ''
  const answer = await store.transaction(async (tx): Promise<PutAttributesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    clusterName = cluster.clusterName
    await editAttributes(tx, scope, cluster.clusterName, attributes, (instance, attribute) => {
      instance.attributes = [
        ...instance.attributes.filter(a => a.name !== attribute.name),
        {
          name: attribute.name,
          ...(attribute.value !== undefined ? { value: attribute.value } : {}),
        },
      ]
      if (
        instance.attributes.filter(a => !a.name.startsWith('ecs.')).length > MAX_CUSTOM_ATTRIBUTES
      ) {
        throw errors.attributeLimit(
          `A container instance can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`,
        )
      }
    })
    return { attributes }
  })
  tellInstanceChange(runtime, scope, clusterName)
  return answer
}
