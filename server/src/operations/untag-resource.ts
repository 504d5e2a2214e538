/** UntagResource: removes tags by key; keys that are not there are ignored. */
import { loadTaggable } from '../resources/taggable.js'
import { removeTags } from '../resources/tags.js'
import type { UntagResourceRequest, UntagResourceResponse } from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function untagResource(
  input: UntagResourceRequest,
  { store, scope }: OperationContext,
): Promise<UntagResourceResponse> {
  return store.transaction(async (tx): Promise<UntagResourceResponse> => {
    const resource = await loadTaggable(tx, scope, input.resourceArn)
    await resource.save(removeTags(resource.tags, input.tagKeys))
    return {}
  })
}
