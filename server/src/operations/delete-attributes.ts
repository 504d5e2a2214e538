/** DeleteAttributes: removes attributes from container instances; unknown targets are refused. */
import { checkAttributes, editAttributes, type TargetedAttribute } from '../resources/attributes.js'
import { activeCluster } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { objects, str } from './input.js'

export const deleteAttributes: OperationHandler = (input, { store, scope }) => {
  const attributes = objects<TargetedAttribute>(input, 'attributes') ?? []
  checkAttributes(attributes, false)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    await editAttributes(tx, scope, cluster.clusterName, attributes, (instance, attribute) => {
      instance.attributes = instance.attributes.filter(a => a.name !== attribute.name)
    })
    return { attributes }
  })
}
