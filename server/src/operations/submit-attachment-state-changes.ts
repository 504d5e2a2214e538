/**
 * SubmitAttachmentStateChanges: this server creates no attachments (no awsvpc ENIs), so there is
 * nothing to move; the call is acknowledged for a cluster that exists, as ECS acknowledges it.
 */
import { activeCluster } from '../resources/clusters.js'
import type {
  SubmitAttachmentStateChangesRequest,
  SubmitAttachmentStateChangesResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function submitAttachmentStateChanges(
  input: SubmitAttachmentStateChangesRequest,
  { store, scope }: OperationContext,
): Promise<SubmitAttachmentStateChangesResponse> {
  return store.transaction(async (tx): Promise<SubmitAttachmentStateChangesResponse> => {
    await activeCluster(tx, scope, input.cluster)
    return { acknowledgment: 'ACK' }
  })
}
