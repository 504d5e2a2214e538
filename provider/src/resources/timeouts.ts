/**
 * A resource's `timeouts { create, update, delete }` block, as the AWS provider's resources have
 * it: how long apply may wait for the object to settle after each kind of change. Unset values
 * are 20 minutes each (the aws_ecs_service defaults).
 */
import type { ProviderError } from '../errors.js'
import { isProviderError } from '../errors.js'
import { parseDuration } from '../values/duration.js'
import { isObject } from '../values/types.js'
import type { TfObject } from '../values/types.js'

/** The changes a timeout can be given for. */
export type TimeoutKind = 'create' | 'update' | 'delete'

/** Twenty minutes, in milliseconds: each timeout when the configuration sets none. */
export const DEFAULT_TIMEOUT_MS = 20 * 60_000

const KINDS: readonly TimeoutKind[] = ['create', 'update', 'delete']

/** Milliseconds `state` allows for `kind` (its `timeouts` block, else the default). Throws on a bad duration. */
export function timeoutOf(state: TfObject, kind: TimeoutKind): number {
  const block = state['timeouts']
  const value = isObject(block) ? block[kind] : null
  return typeof value === 'string' ? parseDuration(value, ['timeouts', kind]) : DEFAULT_TIMEOUT_MS
}

/** Every known duration of the `timeouts` block of `config` that does not parse, as an error about its path. */
export function timeoutErrors(config: TfObject): ProviderError[] {
  const out: ProviderError[] = []
  for (const kind of KINDS) {
    try {
      timeoutOf(config, kind)
    } catch (error) {
      if (!isProviderError(error)) throw error
      out.push(error)
    }
  }
  return out
}
