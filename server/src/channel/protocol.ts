/**
 * The agent channel's messages (server/docs/agent-protocol.md): JSON text frames
 * `{"type": "<Name>", "message": {...}}`, as ECS's ACS frames are. Parsing is pure and never
 * throws: a frame that is not one of ours yields undefined.
 */

/** Server -> agent: tasks the instance must run or stop, each with its desired status. */
export interface PayloadMessage {
  readonly messageId: string
  readonly clusterArn: string
  readonly containerInstanceArn: string
  /** Whole wire Tasks; `desiredStatus` says what to do. */
  readonly tasks: readonly object[]
  /** True when `tasks` is the instance's full list (on connect or on TaskListRequest). */
  readonly full: boolean
}

/** Either side: a liveness beat; the other side answers HeartbeatAckRequest. */
export interface HeartbeatMessage {
  readonly messageId: string
  readonly healthy: boolean
}

/** Either side: acknowledges the frame with `messageId`. */
export interface AckMessage {
  readonly messageId: string
}

/** Agent -> server: please send my full task list (after a reconnect). */
export interface TaskListRequest {
  readonly messageId: string
}

/** Server -> agent: a frame could not be understood. */
export interface ErrorMessage {
  readonly message: string
}

/** Every frame, by type. */
export type Frame =
  | { type: 'PayloadMessage'; message: PayloadMessage }
  | { type: 'HeartbeatMessage'; message: HeartbeatMessage }
  | { type: 'HeartbeatAckRequest'; message: AckMessage }
  | { type: 'AckRequest'; message: AckMessage }
  | { type: 'TaskListRequest'; message: TaskListRequest }
  | { type: 'ErrorMessage'; message: ErrorMessage }

/** Frames an agent may send. */
export type AgentFrame = Extract<
  Frame,
  { type: 'HeartbeatMessage' | 'HeartbeatAckRequest' | 'AckRequest' | 'TaskListRequest' }
>

const AGENT_TYPES = new Set([
  'HeartbeatMessage',
  'HeartbeatAckRequest',
  'AckRequest',
  'TaskListRequest',
])

/** Parses a frame from an agent; undefined when it is not a well-formed agent frame. */
export function parseAgentFrame(text: string): AgentFrame | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { type, message } = value as { type?: unknown; message?: unknown }
  if (typeof type !== 'string' || !AGENT_TYPES.has(type)) return undefined
  if (typeof message !== 'object' || message === null) return undefined
  const messageId = (message as { messageId?: unknown }).messageId
  if (typeof messageId !== 'string' || messageId === '') return undefined
  return { type, message } as AgentFrame
}

/** Serialises a frame. */
export const encodeFrame = (frame: Frame): string => JSON.stringify(frame)

/**
 * Serialises a PayloadMessage whose tasks are JSON already: the same text as {@link encodeFrame}
 * gives for the frame with those tasks, without serialising them again.
 */
export function encodePayload(
  message: Omit<PayloadMessage, 'tasks'>,
  taskJsons: readonly string[],
): string {
  const head = JSON.stringify({
    type: 'PayloadMessage',
    message: {
      messageId: message.messageId,
      clusterArn: message.clusterArn,
      containerInstanceArn: message.containerInstanceArn,
    },
  })
  // head ends with '}}': the tasks and `full` go inside the message, in encodeFrame's order.
  return `${head.slice(0, -2)},"tasks":[${taskJsons.join(',')}],"full":${String(message.full)}}}`
}
