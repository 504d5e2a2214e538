/** DeleteLogGroup: the group with its streams and events; ResourceNotFoundException if missing. */
import type { DeleteLogGroupRequest } from '@quayside/openapi/logs-types'
import { deleteGroup } from '../../logs/log-store.js'
import type { OperationContext } from '../context.js'

export async function deleteLogGroup(
  input: DeleteLogGroupRequest,
  { store, scope }: OperationContext,
): Promise<Record<string, never>> {
  await store.transaction(tx => deleteGroup(tx, scope, input.logGroupName))
  return {}
}
