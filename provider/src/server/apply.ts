/**
 * ApplyResourceChange: create, update in place, or delete through the resource's backend. The
 * new state keeps every value the plan already knew (terraform insists) and takes the unknown
 * ones from what the API answered. A resource's `settle` wait runs last; when it fails, the new
 * state is still answered, with the error.
 */
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
} from '../protocol/messages.js'
import type { ResourceType } from '../resources/types.js'
import { fromApi, toApi } from '../values/api-model.js'
import type { ApiModel } from '../values/api-model.js'
import { sameObject } from '../values/equivalence.js'
import { conform } from '../values/shape.js'
import { UNKNOWN, isObject } from '../values/types.js'
import type { TfObject } from '../values/types.js'
import type { ProviderContext } from './context.js'
import { backendsOf, decodeWith, encodeWith, resourceType } from './context.js'
import { diagnosticFromError, errorDiagnostic, errorPath } from './diagnostics.js'

/**
 * The state after apply: known planned values as planned, unknown ones from the API's answer,
 * then the values without an API member derived by the resource type.
 */
export function stateAfterApply(type: ResourceType, planned: TfObject, answer: ApiModel): TfObject {
  const block = type.schema.block
  const fresh = fromApi(block, answer)
  const merged: TfObject = { ...conform(block, planned) }
  for (const attribute of block.attributes) {
    if (attribute.api && merged[attribute.name] === UNKNOWN) {
      merged[attribute.name] = fresh[attribute.name] ?? null
    }
  }
  const derived = type.derive(merged)
  for (const attribute of block.attributes) {
    // after apply nothing may stay unknown
    if (merged[attribute.name] === UNKNOWN) merged[attribute.name] = derived[attribute.name] ?? null
  }
  return merged
}

/** ApplyResourceChange. */
export async function applyResourceChange(
  context: ProviderContext,
  request: ApplyResourceChangeRequest,
): Promise<ApplyResourceChangeResponse> {
  const response: ApplyResourceChangeResponse = { diagnostics: [] }
  let type: ResourceType
  try {
    type = resourceType(request.type_name)
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot apply the change'))
    return response
  }
  const prior = decodeWith(type.schema, request.prior_state)
  const planned = decodeWith(type.schema, request.planned_state)
  // on failure terraform keeps what we answer: the prior state, so nothing is forgotten
  response.new_state = encodeWith(type.schema, prior)
  try {
    const backends = backendsOf(context)
    if (!isObject(planned)) {
      if (isObject(prior)) await type.delete(backends, prior)
      response.new_state = encodeWith(type.schema, null)
      return response
    }
    const model = toApi(type.schema.block, planned)
    let answer: ApiModel
    if (!isObject(prior)) answer = await type.create(backends, model)
    else if (type.update) answer = await type.update(backends, prior, model)
    else if (sameObject(type.schema.block, conform(type.schema.block, prior), planned)) {
      // the plan differs from the state in spelling alone (say, an imported task definition's
      // container definitions, written without ECS's defaults): nothing to send
      response.new_state = encodeWith(type.schema, conform(type.schema.block, planned))
      response.private = request.planned_private ?? Buffer.alloc(0)
      return response
    } else {
      response.diagnostics.push(
        errorDiagnostic('Cannot update in place', `${type.typeName} can only be replaced.`),
      )
      return response
    }
    const state = stateAfterApply(type, planned, answer)
    response.new_state = encodeWith(type.schema, state)
    response.private = request.planned_private ?? Buffer.alloc(0)
    // made: a failed wait from here on reports an error but keeps the new state
    await type.settle?.(backends, state, isObject(prior) ? 'update' : 'create')
  } catch (error) {
    context.log.log('error', 'apply failed', { type: request.type_name, error: String(error) })
    response.diagnostics.push(
      diagnosticFromError(
        error,
        `Cannot apply ${type.typeName}`,
        errorPath(type.schema.block, error),
      ),
    )
  }
  return response
}
