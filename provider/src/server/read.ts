/**
 * ReadResource (refresh), ImportResourceState and ReadDataSource. A resource that is gone reads
 * as a null state, which terraform plans to create again; values the API spells differently but
 * that mean the same as the prior state's keep the prior spelling, so plans stay empty.
 */
import type {
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
} from '../protocol/messages.js'
import type { DataSourceType, ResourceType } from '../resources/types.js'
import { fromApi } from '../values/api-model.js'
import type { ApiModel } from '../values/api-model.js'
import { keepEquivalent } from '../values/equivalence.js'
import { conform } from '../values/shape.js'
import { isObject } from '../values/types.js'
import type { TfObject } from '../values/types.js'
import type { ProviderContext } from './context.js'
import { backendsOf, dataSourceType, decodeWith, encodeWith, resourceType } from './context.js'
import { diagnosticFromError, errorDiagnostic } from './diagnostics.js'

/** The state of what the API answered, keeping `reference`'s values that mean the same. */
export function stateFromApi(
  type: ResourceType | DataSourceType,
  answer: ApiModel,
  reference: TfObject,
): TfObject {
  const block = type.schema.block
  const fresh = fromApi(block, answer)
  const prior = conform(block, reference)
  const merged = keepEquivalent(block, fresh, prior)
  // settings only the provider reads (wait_for_steady_state, timeouts) stay as the state has them
  for (const attribute of block.attributes) {
    if (!attribute.api && !attribute.computed)
      merged[attribute.name] = prior[attribute.name] ?? null
  }
  for (const nested of block.blocks) {
    if (!nested.api) merged[nested.name] = prior[nested.name] ?? null
  }
  return conform(block, { ...merged, ...type.derive(merged) })
}

/** ReadResource. */
export async function readResource(
  context: ProviderContext,
  request: ReadResourceRequest,
): Promise<ReadResourceResponse> {
  const response: ReadResourceResponse = { diagnostics: [] }
  try {
    const type = resourceType(request.type_name)
    const current = decodeWith(type.schema, request.current_state)
    response.new_state = encodeWith(type.schema, current)
    response.private = request.private ?? Buffer.alloc(0)
    if (!isObject(current)) return response
    const answer = await type.read(backendsOf(context), current)
    if (!answer) {
      context.log.log('info', 'resource is gone; terraform will plan to create it again', {
        type: type.typeName,
      })
      response.new_state = encodeWith(type.schema, null)
      return response
    }
    response.new_state = encodeWith(type.schema, stateFromApi(type, answer, current))
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot read the resource'))
  }
  return response
}

/** ImportResourceState: the ID names the object, a read fills in the state. */
export async function importResourceState(
  context: ProviderContext,
  request: ImportResourceStateRequest,
): Promise<ImportResourceStateResponse> {
  const response: ImportResourceStateResponse = { imported_resources: [], diagnostics: [] }
  try {
    const type = resourceType(request.type_name)
    const partial = type.importState(request.id)
    const answer = await type.read(backendsOf(context), partial)
    if (!answer) {
      response.diagnostics.push(
        errorDiagnostic(
          'Cannot import non-existent remote object',
          `No ${type.typeName} matches "${request.id}".`,
        ),
      )
      return response
    }
    // the API's spelling (ARNs), not the import ID's: the ID only says which object
    const state = stateFromApi(type, answer, {})
    for (const [name, value] of Object.entries(partial)) {
      if (state[name] === null && name in state) state[name] = value
    }
    response.imported_resources.push({
      type_name: type.typeName,
      state: encodeWith(type.schema, state),
    })
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot import'))
  }
  return response
}

/** ReadDataSource: the configuration's own values kept, the rest from the API. */
export async function readDataSource(
  context: ProviderContext,
  request: ReadDataSourceRequest,
): Promise<ReadDataSourceResponse> {
  const response: ReadDataSourceResponse = { diagnostics: [] }
  try {
    const type = dataSourceType(request.type_name)
    const config = decodeWith(type.schema, request.config)
    const known = isObject(config) ? config : {}
    const answer = await type.read(backendsOf(context), known)
    const state = stateFromApi(type, answer, known)
    for (const attribute of type.schema.block.attributes) {
      if (!attribute.computed) state[attribute.name] = known[attribute.name] ?? null
    }
    response.state = encodeWith(type.schema, state)
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot read the data source'))
  }
  return response
}
