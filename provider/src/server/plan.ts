/**
 * PlanResourceChange. Plans are honest: every computed value apply may set is unknown in the plan
 * (so terraform never sees an inconsistent result), and a change to a forceNew attribute or block
 * comes back in requires_replace, which makes terraform plan a delete and a create.
 */
import type { PlanResourceChangeRequest, PlanResourceChangeResponse } from '../protocol/messages.js'
import type { Block } from '../schema/types.js'
import { sameAttributeValue, sameBlockValue } from '../values/equivalence.js'
import { conform } from '../values/shape.js'
import { UNKNOWN, isObject } from '../values/types.js'
import type { TfObject } from '../values/types.js'
import { decodeWith, encodeWith, resourceType } from './context.js'
import { attributePath, diagnosticFromError } from './diagnostics.js'

/** Top-level attribute and block names whose change forces a replacement. */
export function replacedPaths(block: Block, prior: TfObject, planned: TfObject): string[] {
  const out: string[] = []
  for (const attribute of block.attributes) {
    const before = prior[attribute.name] ?? null
    const after = planned[attribute.name] ?? null
    if (attribute.forceNew && !sameAttributeValue(attribute, before, after))
      out.push(attribute.name)
  }
  for (const nested of block.blocks) {
    const before = prior[nested.name] ?? null
    const after = planned[nested.name] ?? null
    if (nested.forceNew && !sameBlockValue(nested, before, after)) out.push(nested.name)
  }
  return out
}

/**
 * The planned new state: the proposed one with the computed values apply will decide made
 * unknown: all of them on create or replace, none on an in-place update (they keep their prior
 * values, which terraform has already put in the proposal).
 */
export function planObject(
  block: Block,
  prior: TfObject | null,
  proposed: TfObject,
  config: TfObject,
  replacing: boolean,
): TfObject {
  const planned = conform(block, proposed)
  if (prior !== null && !replacing) return planned
  for (const attribute of block.attributes) {
    if (attribute.computed && (config[attribute.name] ?? null) === null)
      planned[attribute.name] = UNKNOWN
  }
  return planned
}

/** PlanResourceChange. */
export function planResourceChange(request: PlanResourceChangeRequest): PlanResourceChangeResponse {
  const response: PlanResourceChangeResponse = { requires_replace: [], diagnostics: [] }
  try {
    const type = resourceType(request.type_name)
    const prior = decodeWith(type.schema, request.prior_state)
    const proposed = decodeWith(type.schema, request.proposed_new_state)
    if (!isObject(proposed)) {
      // destroy: nothing to plan but the null
      response.planned_state = encodeWith(type.schema, null)
      return response
    }
    const config = decodeWith(type.schema, request.config)
    const priorObject = isObject(prior) ? conform(type.schema.block, prior) : null
    const replace = priorObject
      ? replacedPaths(type.schema.block, priorObject, conform(type.schema.block, proposed))
      : []
    const planned = planObject(
      type.schema.block,
      priorObject,
      proposed,
      isObject(config) ? config : {},
      replace.length > 0,
    )
    response.planned_state = encodeWith(type.schema, planned)
    response.requires_replace = replace.map(name => attributePath([name]))
    response.planned_private = request.prior_private ?? Buffer.alloc(0)
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot plan the change'))
  }
  return response
}
