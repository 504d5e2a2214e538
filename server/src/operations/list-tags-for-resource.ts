/** ListTagsForResource: the tags of a cluster, container instance or task definition. */
import { loadTaggable } from '../resources/taggable.js'
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function listTagsForResource(
  input: ListTagsForResourceRequest,
  { store, scope }: OperationContext,
): Promise<ListTagsForResourceResponse> {
  return store.transaction(async (tx): Promise<ListTagsForResourceResponse> => {
    const resource = await loadTaggable(tx, scope, input.resourceArn)
    return { tags: [...resource.tags] }
  })
}
