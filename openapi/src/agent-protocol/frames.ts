/**
 * The frames of the agent channel (server/docs/agent-protocol.md), as server and agent both read
 * and write them: JSON text `{"type": "<Type>", "message": {...}}`, as ECS's ACS frames are. The
 * server answers with these types; the agent reads them; neither declares its own.
 */
import type { Task } from '../types.js'

/** What the control plane wants of a task: STOPPED is StopTask (or a stopped deployment). */
export type DesiredStatus = 'RUNNING' | 'STOPPED'

/**
 * A task as a PayloadMessage carries it: the whole wire `Task` (as DescribeTasks renders it),
 * with the members the agent cannot do without made required.
 */
export interface PayloadTask extends Task {
  readonly taskArn: string
  readonly taskDefinitionArn: string
  readonly desiredStatus: DesiredStatus
}

/** Server -> agent: tasks the instance must run or stop, each with its desired status. */
export interface PayloadMessage {
  readonly messageId: string
  readonly clusterArn: string
  readonly containerInstanceArn: string
  readonly tasks: readonly PayloadTask[]
  /** True when `tasks` is every task of the instance that has not stopped (on connect, on TaskListRequest). */
  readonly full: boolean
}

/** Either side: a liveness beat; the other side answers HeartbeatAckRequest. */
export interface HeartbeatMessage {
  readonly messageId: string
  readonly healthy: boolean
}

/** Either side: acknowledges the frame (a payload, a beat) with `messageId`. */
export interface AckMessage {
  readonly messageId: string
}

/** Agent -> server: send my full task list (after a reconnect). */
export interface TaskListRequest {
  readonly messageId: string
}

/** Server -> agent: a frame from the agent could not be understood. */
export interface ErrorMessage {
  readonly message: string
}

/** Every frame, by type. */
export type Frame =
  | { readonly type: 'PayloadMessage'; readonly message: PayloadMessage }
  | { readonly type: 'HeartbeatMessage'; readonly message: HeartbeatMessage }
  | { readonly type: 'HeartbeatAckRequest'; readonly message: AckMessage }
  | { readonly type: 'AckRequest'; readonly message: AckMessage }
  | { readonly type: 'TaskListRequest'; readonly message: TaskListRequest }
  | { readonly type: 'ErrorMessage'; readonly message: ErrorMessage }

/** The type of a frame. */
export type FrameType = Frame['type']

/** Frames an agent sends. */
export type AgentFrame = Extract<
  Frame,
  { type: 'HeartbeatMessage' | 'HeartbeatAckRequest' | 'AckRequest' | 'TaskListRequest' }
>

/** Frames the server sends. */
export type ServerFrame = Extract<
  Frame,
  { type: 'PayloadMessage' | 'HeartbeatMessage' | 'HeartbeatAckRequest' | 'ErrorMessage' }
>
