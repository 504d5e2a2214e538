/** quayside_cluster: CreateCluster / DescribeClusters / UpdateCluster / DeleteCluster. */
import type { ClusterModel } from '../generated/schemas.js'
import { isObject } from '../values/types.js'
import type { TfObject } from '../values/types.js'
import type { ResourceType } from './types.js'
import { lastPart, resourceSchema, text } from './types.js'

/**
 * What a cluster setting is when nobody set it. A setting cannot be removed from a cluster, only
 * put back to this value, so the backend does that for a removed `setting` block...
 */
export const CLUSTER_SETTING_OFF = 'disabled'

/**
 * ...and a setting at that value which the state does not name is left out of what the API says,
 * or a removed (or never written) block would show up as drift on every plan.
 */
export function withoutUnsetSettings(model: ClusterModel, state: TfObject): ClusterModel {
  const blocks = Array.isArray(state['setting']) ? state['setting'].filter(isObject) : []
  const named = new Set(blocks.map(block => block['name']))
  if (!model.settings) return model
  return {
    ...model,
    settings: model.settings.filter(s => s.value !== CLUSTER_SETTING_OFF || named.has(s.name)),
  }
}

/** Keyed by ARN (or, in an import's first read, by name); imported by name or ARN. */
export const cluster: ResourceType = {
  typeName: 'quayside_cluster',
  schema: resourceSchema('quayside_cluster'),
  create: (backends, model) => backends.cluster.create(model),
  read: async (backends, state) => {
    const model = await backends.cluster.read(text(state, 'arn') || text(state, 'name'))
    return model && withoutUnsetSettings(model, state)
  },
  update: (backends, prior, model) => backends.cluster.update(text(prior, 'arn'), model),
  delete: (backends, state) => backends.cluster.delete(text(state, 'arn') || text(state, 'name')),
  importState: id => ({ name: lastPart(id) }),
  derive: state => ({ id: state['arn'] ?? null }),
}
