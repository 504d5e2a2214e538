/** quayside_service: CreateService / DescribeServices / UpdateService / DeleteService. */
import { badImportId } from '../errors.js'
import type { ResourceType } from './types.js'
import { resourceSchema, text } from './types.js'

const TYPE = 'quayside_service'

/** Keyed by cluster + name; imported as `<cluster>/<service>` or by service ARN. */
export const service: ResourceType = {
  typeName: TYPE,
  schema: resourceSchema(TYPE),
  create: (backends, model) => backends.service.create(model),
  read: (backends, state) =>
    backends.service.read(text(state, 'cluster') || 'default', text(state, 'name')),
  update: (backends, prior, model) =>
    backends.service.update(text(prior, 'cluster') || 'default', text(prior, 'name'), model),
  delete: (backends, state) =>
    backends.service.delete(text(state, 'cluster') || 'default', text(state, 'name')),
  importState: id => {
    const parts = (id.startsWith('arn:') ? id.slice(id.indexOf('/') + 1) : id).split('/')
    const [cluster, name] = parts
    if (parts.length !== 2 || !cluster || !name) {
      throw badImportId(TYPE, id, '<cluster>/<service> or a service ARN')
    }
    return { cluster, name }
  },
  derive: state => ({ id: state['arn'] ?? null }),
}
