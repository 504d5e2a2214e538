/** TagResource: adds or replaces tags by key on a cluster, container instance or task definition. */
import type { Tag } from '../resources/clusters.js'
import { loadTaggable } from '../resources/taggable.js'
import { mergeTags } from '../resources/tags.js'
import type { OperationHandler } from './context.js'
import { objects, str } from './input.js'

export const tagResource: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const resource = await loadTaggable(tx, scope, str(input, 'resourceArn') ?? '')
    await resource.save(mergeTags(resource.tags, objects<Tag>(input, 'tags') ?? []))
    return {}
  })
