/** ListTagsForResource: the tags of a cluster, container instance or task definition. */
import { loadTaggable } from '../resources/taggable.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const listTagsForResource: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const resource = await loadTaggable(tx, scope, str(input, 'resourceArn') ?? '')
    return { tags: resource.tags }
  })
