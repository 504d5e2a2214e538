/** CreateLogGroup: a new, empty group; ResourceAlreadyExistsException when the name is taken. */
import type { CreateLogGroupRequest } from '@quayside/openapi/logs-types'
import { createGroup } from '../../logs/log-store.js'
import type { OperationContext } from '../context.js'

export async function createLogGroup(
  input: CreateLogGroupRequest,
  { store, scope }: OperationContext,
): Promise<Record<string, never>> {
  await store.transaction(tx => createGroup(tx, scope, input.logGroupName, Date.now()))
  return {}
}
