/** UntagResource: removes tags by key; keys that are not there are ignored. */
import { loadTaggable } from '../resources/taggable.js'
import { removeTags } from '../resources/tags.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const untagResource: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const resource = await loadTaggable(tx, scope, str(input, 'resourceArn') ?? '')
    await resource.save(removeTags(resource.tags, strings(input, 'tagKeys') ?? []))
    return {}
  })
