/**
 * SubmitAttachmentStateChanges: this server creates no attachments (no awsvpc ENIs), so there is
 * nothing to move; the call is acknowledged for a cluster that exists, as ECS acknowledges it.
 */
import { activeCluster } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const submitAttachmentStateChanges: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    await activeCluster(tx, scope, str(input, 'cluster'))
    return { acknowledgment: 'ACK' }
  })
