/** PutAttributes: sets custom attributes on container instances (at most 10 custom per instance). */
import { errors } from '../errors.js'
import {
  attributeTarget,
  checkAttributes,
  MAX_CUSTOM_ATTRIBUTES,
  type TargetedAttribute,
} from '../resources/attributes.js'
import { activeCluster } from '../resources/clusters.js'
import { saveInstance, type ContainerInstanceDocument } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { objects, str } from './input.js'

export const putAttributes: OperationHandler = (input, { store, scope }) => {
  const attributes = objects<TargetedAttribute>(input, 'attributes') ?? []
  checkAttributes(attributes, true)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const changed = new Map<string, ContainerInstanceDocument>()
    for (const attribute of attributes) {
      const loaded = await attributeTarget(tx, scope, cluster.clusterName, attribute)
      const instance = changed.get(loaded.containerInstanceArn) ?? loaded
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
      changed.set(instance.containerInstanceArn, instance)
    }
    for (const instance of changed.values()) {
      instance.version += 1
      await saveInstance(tx, scope, cluster.clusterName, instance)
    }
    return { attributes }
  })
}
