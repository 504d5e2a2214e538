/** PutRetentionPolicy: how many days (CloudWatch's allowed values) the group keeps events. */
import type { PutRetentionPolicyRequest } from '@quayside/openapi/logs-types'
import { checkRetention } from '../../logs/limits.js'
import { putGroup, requireGroup } from '../../logs/log-store.js'
import type { OperationContext } from '../context.js'

export async function putRetentionPolicy(
  input: PutRetentionPolicyRequest,
  { store, scope }: OperationContext,
): Promise<Record<string, never>> {
  checkRetention(input.retentionInDays)
  await store.transaction(async tx => {
    const group = await requireGroup(tx, scope, input.logGroupName)
    await putGroup(tx, scope, { ...group, retentionInDays: input.retentionInDays })
  })
  return {}
}
