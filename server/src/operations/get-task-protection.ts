/** GetTaskProtection: the scale-in protection of each named task (../tasks/protection.ts). */
import type { GetTaskProtectionRequest, GetTaskProtectionResponse } from '@quayside/openapi/types'
import { protection } from '../tasks/protection.js'
import type { OperationContext } from './context.js'

export function getTaskProtection(
  input: GetTaskProtectionRequest,
  context: OperationContext,
): Promise<GetTaskProtectionResponse> {
  return protection(input.cluster, input.tasks ?? [], context)
}
