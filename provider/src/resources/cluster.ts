/** quayside_cluster: CreateCluster / DescribeClusters / UpdateCluster / DeleteCluster. */
import type { ResourceType } from './types.js'
import { lastPart, resourceSchema, text } from './types.js'

/** Keyed by ARN (or, in an import's first read, by name); imported by name or ARN. */
export const cluster: ResourceType = {
  typeName: 'quayside_cluster',
  schema: resourceSchema('quayside_cluster'),
  create: (backends, model) => backends.cluster.create(model),
  read: (backends, state) => backends.cluster.read(text(state, 'arn') || text(state, 'name')),
  update: (backends, prior, model) => backends.cluster.update(text(prior, 'arn'), model),
  delete: (backends, state) => backends.cluster.delete(text(state, 'arn') || text(state, 'name')),
  importState: id => ({ name: lastPart(id) }),
  derive: state => ({ id: state['arn'] ?? null }),
}
