/**
 * The server's side of the awslogs driver: stores a LogEventsMessage from an agent (the channel's
 * frame, ../channel/agent-channel.ts) in the group and stream its options name (./awslogs-stream.ts),
 * creating the stream, and the group when `awslogs-create-group` is "true". A missing group
 * otherwise is refused with CloudWatch's ResourceNotFoundException, which the agent turns into
 * the task's stop reason, as ECS fails a container whose log driver cannot start.
 */
import type { LogEventsAck, LogEventsMessage } from '@quayside/openapi/agent-protocol'
import { isServiceError, logsErrors as errors } from '../errors.js'
import type { Scope, Store } from '../store/index.js'
import { awslogsDestination } from './awslogs-stream.js'
import { checkGroupName, eventBytes, MAX_EVENT_BYTES } from './limits.js'
import {
  appendEvents,
  createStream,
  DEFAULT_STREAM_MAX_BYTES,
  getGroup,
  getStream,
  putGroup,
} from './log-store.js'

/** Stores `message`'s events; the answer to send back. Faults of the store are rethrown. */
export async function storeAgentLogs(
  store: Store,
  scope: Scope,
  message: LogEventsMessage,
  now = Date.now(),
  maxStreamBytes = DEFAULT_STREAM_MAX_BYTES,
): Promise<LogEventsAck> {
  try {
    const destination = awslogsDestination({
      options: message.options,
      containerName: message.containerName,
      taskArn: message.taskArn,
      runtimeId: message.runtimeId,
    })
    // the agent's clock may step back: keep the batch in order, as PutLogEvents requires
    let last = -Infinity
    const events = message.events
      .filter(e => eventBytes(e.message) <= MAX_EVENT_BYTES)
      .map(e => {
        last = Math.max(last, e.timestamp)
        return { timestamp: last, message: e.message }
      })
    await store.transaction(async tx => {
      const { logGroupName: name, logStreamName: streamName } = destination
      let group = await getGroup(tx, scope, name)
      if (!group) {
        checkGroupName(name)
        if (!destination.createGroup)
          throw errors.resourceNotFound('The specified log group does not exist.')
        group = { logGroupName: name, creationTime: now }
        await putGroup(tx, scope, group)
      }
      if (!(await getStream(tx, scope, name, streamName)))
        await createStream(tx, scope, name, streamName, now)
      await appendEvents(tx, scope, group, streamName, events, { now, maxStreamBytes })
    })
    return { messageId: message.messageId }
  } catch (error) {
    if (!isServiceError(error)) throw error
    return { messageId: message.messageId, error: `${error.shapeName}: ${error.message}` }
  }
}
