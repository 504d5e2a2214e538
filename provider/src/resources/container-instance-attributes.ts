/**
 * quayside_container_instance_attributes: the custom attributes of one container instance
 * (PutAttributes / ListAttributes / DeleteAttributes).
 */
import { badImportId } from '../errors.js'
import { isObject } from '../values/types.js'
import type { ResourceType } from './types.js'
import { resourceSchema, text } from './types.js'

const TYPE = 'quayside_container_instance_attributes'

/** Keyed by cluster + container instance; imported as `<cluster>/<container instance>`. */
export const containerInstanceAttributes: ResourceType = {
  typeName: TYPE,
  schema: resourceSchema(TYPE),
  create: (backends, model) => backends.containerInstanceAttributes.create(model),
  read: (backends, state) =>
    backends.containerInstanceAttributes.read(
      text(state, 'cluster'),
      text(state, 'container_instance'),
    ),
  update: (backends, _prior, model) => backends.containerInstanceAttributes.update(model),
  delete: (backends, state) => {
    const attributes = state['attributes']
    const names = isObject(attributes) ? Object.keys(attributes) : []
    return backends.containerInstanceAttributes.delete(
      text(state, 'cluster'),
      text(state, 'container_instance'),
      names,
    )
  },
  importState: id => {
    const parts = id.split('/')
    const [cluster, instance] = parts
    if (parts.length !== 2 || !cluster || !instance) {
      throw badImportId(TYPE, id, '<cluster>/<container instance id>')
    }
    return { cluster, container_instance: instance }
  },
  derive: state => ({ id: `${text(state, 'cluster')}/${text(state, 'container_instance')}` }),
}
