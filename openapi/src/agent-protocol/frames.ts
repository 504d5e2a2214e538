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

/** Agent -> server: the credentials of a task's role (its `taskRoleArn`), for the task itself. */
export interface IAMRoleCredentialsRequest {
  readonly messageId: string
  readonly taskArn: string
}

/** A role's key pair as a task is given it (ECS's `IAMRoleCredentials`). */
export interface RoleCredentials {
  readonly roleArn: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  /** ISO 8601; the agent asks again once it is near. */
  readonly expiration: string
}

/**
 * Server -> agent: the answer to an {@link IAMRoleCredentialsRequest}, under the request's
 * `messageId`: `roleCredentials` for a task of this instance whose role the server has a key for,
 * else `reason` says why not.
 */
export interface IAMRoleCredentialsMessage {
  readonly messageId: string
  readonly taskArn: string
  readonly roleType: 'TaskApplication'
  readonly roleCredentials?: RoleCredentials | undefined
  readonly reason?: string | undefined
}

/** A container's health as the agent's Docker health check reports it. */
export interface ContainerHealth {
  readonly containerName: string
  readonly healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
}

/**
 * Agent -> server: the health of tasks' containers (as ECS's telemetry `PublishHealthRequest`),
 * sent when a container's health changes; the server sets the containers' and the tasks'
 * `healthStatus`. Not acknowledged.
 */
export interface PublishHealthRequest {
  readonly messageId: string
  readonly tasks: readonly {
    readonly taskArn: string
    readonly containers: readonly ContainerHealth[]
  }[]
}

/** One line of a container's output, as the awslogs driver ships it. */
export interface LogEvent {
  /** Epoch milliseconds when the agent read the line. */
  readonly timestamp: number
  readonly message: string
}

/**
 * Agent -> server: a batch of a container's output for its awslogs destination (the container
 * definition's `logConfiguration.options`; the server names the group and stream from them, as
 * ECS does). `events` may be empty: the first batch of a container opens its stream. `dropped`
 * counts lines the agent could not ship before this batch. The server answers LogEventsAck.
 */
export interface LogEventsMessage {
  readonly messageId: string
  readonly taskArn: string
  readonly containerName: string
  /** The Docker container id (the stream name when no `awslogs-stream-prefix` is set). */
  readonly runtimeId: string
  readonly options: Readonly<Record<string, string>>
  readonly events: readonly LogEvent[]
  readonly dropped?: number | undefined
}

/**
 * Server -> agent: the batch `messageId` is stored, or else `error` (`ResourceNotFoundException:
 * The specified log group does not exist.`) says why it never will be.
 */
export interface LogEventsAck {
  readonly messageId: string
  readonly error?: string | undefined
}

/**
 * Agent -> server: the values of a task's container `secrets` and the registry credentials of
 * its `repositoryCredentials`, which the server resolves from SSM Parameter Store and Secrets
 * Manager when the agent is about to start the task (as ECS's agent fetches them with the
 * execution role). Answered by TaskSecretsMessage under the same messageId.
 */
export interface TaskSecretsRequest {
  readonly messageId: string
  readonly taskArn: string
}

/** One container's resolved secrets: environment variables and, when given, the pull's login. */
export interface ContainerSecrets {
  readonly containerName: string
  readonly environment: readonly { readonly name: string; readonly value: string }[]
  readonly registryAuth?: { readonly username: string; readonly password: string } | undefined
}

/**
 * Server -> agent: the answer to a {@link TaskSecretsRequest}: every container's values, or a
 * `reason` (ECS's `ResourceInitializationError: unable to pull secrets or registry auth: ...`)
 * with which the agent stops the task before it starts.
 */
export interface TaskSecretsMessage {
  readonly messageId: string
  readonly taskArn: string
  readonly containers?: readonly ContainerSecrets[] | undefined
  readonly reason?: string | undefined
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
  | { readonly type: 'IAMRoleCredentialsRequest'; readonly message: IAMRoleCredentialsRequest }
  | { readonly type: 'IAMRoleCredentialsMessage'; readonly message: IAMRoleCredentialsMessage }
  | { readonly type: 'PublishHealthRequest'; readonly message: PublishHealthRequest }
  | { readonly type: 'LogEventsMessage'; readonly message: LogEventsMessage }
  | { readonly type: 'LogEventsAck'; readonly message: LogEventsAck }
  | { readonly type: 'TaskSecretsRequest'; readonly message: TaskSecretsRequest }
  | { readonly type: 'TaskSecretsMessage'; readonly message: TaskSecretsMessage }

/** The type of a frame. */
export type FrameType = Frame['type']

/** Frames an agent sends. */
export type AgentFrame = Extract<
  Frame,
  {
    type:
      | 'HeartbeatMessage'
      | 'HeartbeatAckRequest'
      | 'AckRequest'
      | 'TaskListRequest'
      | 'IAMRoleCredentialsRequest'
      | 'PublishHealthRequest'
      | 'LogEventsMessage'
      | 'TaskSecretsRequest'
  }
>

/** Frames the server sends. */
export type ServerFrame = Extract<
  Frame,
  {
    type:
      | 'PayloadMessage'
      | 'HeartbeatMessage'
      | 'HeartbeatAckRequest'
      | 'ErrorMessage'
      | 'IAMRoleCredentialsMessage'
      | 'LogEventsAck'
      | 'TaskSecretsMessage'
  }
>
