/** PutAttributes: sets custom attributes on container instances (at most 10 custom per instance). */
import { errors } from '../errors.js'
import {
  checkAttributes,
  editAttributes,
  MAX_CUSTOM_ATTRIBUTES,
  type TargetedAttribute,
} from '../resources/attributes.js'
import { activeCluster } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { objects, str } from './input.js'

export const putAttributes: OperationHandler = (input, { store, scope }) => {
  const attributes = objects<TargetedAttribute>(input, 'attributes') ?? []
  checkAttributes(attributes, true)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
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
}
