/** TagResource: adds or replaces tags by key on a cluster, container instance or task definition. */
import type { TagResourceRequest, TagResourceResponse } from '@quayside/openapi/types'
import { loadTaggable } from '../resources/taggable.js'
import { mergeTags } from '../resources/tags.js'
import type { OperationContext } from './context.js'

export function tagResource(
  input: TagResourceRequest,
  { store, scope }: OperationContext,
): Promise<TagResourceResponse> {
  return store.transaction(async (tx): Promise<TagResourceResponse> => {
    const resource = await loadTaggable(tx, scope, input.resourceArn)
    await resource.save(mergeTags(resource.tags, input.tags))
    return {}
  })
}
