/**
 * quayside_task_definition: RegisterTaskDefinition / DescribeTaskDefinition /
 * DeregisterTaskDefinition. Revisions are immutable, so there is no update: every attribute forces
 * a replacement, which registers a new revision and deregisters the old one.
 */
import type { ResourceType } from './types.js'
import { resourceSchema, text } from './types.js'

/** Keyed by ARN; imported by ARN or family:revision. */
export const taskDefinition: ResourceType = {
  typeName: 'quayside_task_definition',
  schema: resourceSchema('quayside_task_definition'),
  create: (backends, model) => backends.taskDefinition.create(model),
  read: (backends, state) =>
    backends.taskDefinition.read(text(state, 'arn') || text(state, 'family')),
  delete: (backends, state) => backends.taskDefinition.delete(text(state, 'arn')),
  importState: id => ({ arn: id }),
  derive: state => {
    const arn = text(state, 'arn')
    return {
      id: state['family'] ?? null,
      arn_without_revision: arn === '' ? null : arn.replace(/:\d+$/, ''),
    }
  },
}
