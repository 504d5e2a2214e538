/** Tag rules shared by every taggable resource (ECS-NOTES section 1). */
import { errors } from '../errors.js'
import type { Tag } from '@quayside/openapi/types'

const MAX_TAGS = 50

/** Checks tags given by a user: at most 50 (aws: ones aside), no user `aws:` keys. */
export function checkTags(tags: readonly Tag[]): void {
  for (const tag of tags) {
    if (tag.key === undefined || tag.key === '')
      throw errors.invalidParameter('Tag keys must not be empty.')
    if (tag.key.toLowerCase().startsWith('aws:')) {
      throw errors.invalidParameter(`Tag keys beginning with 'aws:' are reserved: ${tag.key}`)
    }
  }
}

/** Adds or replaces tags by key; refuses a result over the limit. */
export function mergeTags(current: readonly Tag[], changes: readonly Tag[]): Tag[] {
  checkTags(changes)
  const byKey = new Map(current.map(t => [t.key, t]))
  for (const tag of changes) byKey.set(tag.key, { key: tag.key ?? '', value: tag.value ?? '' })
  const result = [...byKey.values()]
  if (result.filter(t => !t.key?.startsWith('aws:')).length > MAX_TAGS) {
    throw errors.invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`)
  }
  return result
}

/** Removes tags by key. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys)
  return current.filter(t => !drop.has(t.key ?? ''))
}
