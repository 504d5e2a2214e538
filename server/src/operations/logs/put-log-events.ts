/**
 * PutLogEvents: appends a batch to an existing stream, within CloudWatch's batch limits
 * (../../logs/limits.ts). Events older than the group's retention are rejected, as CloudWatch
 * reports them (`rejectedLogEventsInfo.expiredLogEventEndIndex`). `sequenceToken` is ignored, as
 * CloudWatch has ignored it since 2023.
 */
import type { PutLogEventsRequest, PutLogEventsResponse } from '@quayside/openapi/logs-types'
import { checkBatch, retentionCutoff } from '../../logs/limits.js'
import { appendEvents, DEFAULT_STREAM_MAX_BYTES, requireGroup } from '../../logs/log-store.js'
import type { OperationContext } from '../context.js'

export async function putLogEvents(
  input: PutLogEventsRequest,
  { store, scope }: OperationContext,
): Promise<PutLogEventsResponse> {
  checkBatch(input.logEvents)
  const now = Date.now()
  return store.transaction(async (tx): Promise<PutLogEventsResponse> => {
    const group = await requireGroup(tx, scope, input.logGroupName)
    const cutoff = retentionCutoff(group.retentionInDays, now)
    const expired = input.logEvents.filter(e => e.timestamp < cutoff).length
    await appendEvents(tx, scope, group, input.logStreamName, input.logEvents.slice(expired), {
      now,
      maxStreamBytes: DEFAULT_STREAM_MAX_BYTES,
    })
    return {
      nextSequenceToken: String(now),
      ...(expired > 0 ? { rejectedLogEventsInfo: { expiredLogEventEndIndex: expired } } : {}),
    }
  })
}
