/** CreateLogStream: a new stream in an existing group. */
import type { CreateLogStreamRequest } from '@quayside/openapi/logs-types'
import { createStream } from '../../logs/log-store.js'
import type { OperationContext } from '../context.js'

export async function createLogStream(
  input: CreateLogStreamRequest,
  { store, scope }: OperationContext,
): Promise<Record<string, never>> {
  await store.transaction(tx =>
    createStream(tx, scope, input.logGroupName, input.logStreamName, Date.now()),
  )
  return {}
}
