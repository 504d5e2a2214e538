/**
 * UpdateTaskProtection: sets or clears scale-in protection per task, for `expiresInMinutes`
 * (1-2880, default 120); the shared part is ../tasks/protection.ts. Unknown tasks are `failures`
 * MISSING.
 */
import type {
  UpdateTaskProtectionRequest,
  UpdateTaskProtectionResponse,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { protection } from '../tasks/protection.js'
import type { OperationContext } from './context.js'

export function updateTaskProtection(
  input: UpdateTaskProtectionRequest,
  context: OperationContext,
): Promise<UpdateTaskProtectionResponse> {
  const enabled = input.protectionEnabled
  const minutes = input.expiresInMinutes ?? 120
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 2880)
    throw errors.invalidParameter('expiresInMinutes must be between 1 and 2880.')
  return protection(input.cluster, input.tasks, context, (record, now) => {
    if (enabled) record.protectedUntil = Math.round(now + minutes * 60)
    else delete record.protectedUntil
  })
}
