/**
 * Reading the awslogs frames (LogEventsMessage, LogEventsAck: ./frames.ts) for ./codec.ts: pure,
 * never throwing; a frame missing a member its type requires yields undefined, and events that
 * are not `{timestamp: number, message: string}` are left out (counted in `dropped`).
 */
import type { LogEvent, LogEventsAck, LogEventsMessage } from './frames.js'

type Json = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isId = (value: unknown): value is string => typeof value === 'string' && value !== ''

const isEvent = (value: unknown): value is LogEvent =>
  isObject(value) && Number.isFinite(value['timestamp']) && typeof value['message'] === 'string'

/** A LogEventsMessage's members from a parsed frame's `message`. */
export function logEventsMessage(messageId: string, message: Json): LogEventsMessage | undefined {
  const { taskArn, containerName, runtimeId, options, events, dropped } = message
  if (!isId(taskArn) || !isId(containerName) || typeof runtimeId !== 'string') return undefined
  if (!isObject(options) || !Array.isArray(events)) return undefined
  const strings = Object.entries(options).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  const good = events.filter(isEvent).map(e => ({ timestamp: e.timestamp, message: e.message }))
  const skipped = events.length - good.length
  const counted = (typeof dropped === 'number' && dropped > 0 ? dropped : 0) + skipped
  return {
    messageId,
    taskArn,
    containerName,
    runtimeId,
    options: Object.fromEntries(strings),
    events: good,
    ...(counted > 0 ? { dropped: counted } : {}),
  }
}

/** A LogEventsAck's members from a parsed frame's `message`. */
export function logEventsAck(messageId: string, message: Json): LogEventsAck {
  const error = message['error']
  return { messageId, ...(typeof error === 'string' ? { error } : {}) }
}
