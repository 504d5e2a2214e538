/**
 * UpgradeResourceState: terraform hands the stored state as JSON (raw_state.json) and wants it back
 * as msgpack in the current schema's shape. All schemas are at version 0, so upgrading is decoding
 * against the current type (attributes the schema no longer has are dropped) and re-shaping.
 */
import type {
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
} from '../protocol/messages.js'
import { blockType } from '../schema/types.js'
import { decodeJson } from '../values/msgpack.js'
import { conform } from '../values/shape.js'
import { isObject } from '../values/types.js'
import { encodeWith, resourceType } from './context.js'
import { diagnosticFromError, errorDiagnostic } from './diagnostics.js'

/** UpgradeResourceState. */
export function upgradeResourceState(
  request: UpgradeResourceStateRequest,
): UpgradeResourceStateResponse {
  const response: UpgradeResourceStateResponse = { diagnostics: [] }
  try {
    const type = resourceType(request.type_name)
    const json = request.raw_state?.json
    if (!json || json.length === 0) {
      response.diagnostics.push(
        errorDiagnostic(
          'Cannot upgrade state',
          'Only JSON states can be upgraded (flatmap is from terraform 0.11).',
        ),
      )
      return response
    }
    if (request.version > type.schema.version) {
      response.diagnostics.push(
        errorDiagnostic(
          'Cannot upgrade state',
          `The state has schema version ${request.version}, newer than this provider's ${type.schema.version}.`,
        ),
      )
      return response
    }
    const decoded = decodeJson(json, blockType(type.schema.block))
    const upgraded = isObject(decoded) ? conform(type.schema.block, decoded) : null
    response.upgraded_state = encodeWith(type.schema, upgraded)
  } catch (error) {
    response.diagnostics.push(diagnosticFromError(error, 'Cannot upgrade state'))
  }
  return response
}
