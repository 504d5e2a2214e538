/**
 * The agent's one error catalogue. Every error the agent raises is an {@link AgentError}: a literal
 * `name`, a stable `code` (`ECS_AGENT_*`), whether retrying the same step may succeed, the
 * underlying `cause` where there is one, and a `Symbol.for` brand so that {@link isAgentError}
 * works across duplicate copies of the package.
 *
 * The names are the strings ECS reports as a container's `reason` and a task's `stoppedReason`
 * prefix (`CannotPullContainerError: ...`), as the Amazon ECS agent's named errors do; use
 * {@link AgentError.reason} to get that text.
 */

const BRAND = Symbol.for('@quayside/agent.AgentError')

/** Every error name in the catalogue, as ECS spells it. */
export type AgentErrorName =
  | 'AgentError'
  | 'CannotPullContainerError'
  | 'CannotCreateContainerError'
  | 'CannotStartContainerError'
  | 'CannotStopContainerError'
  | 'CannotInspectContainerError'
  | 'CannotRemoveContainerError'
  | 'CannotRemoveVolumeError'
  | 'CannotListContainersError'
  | 'ContainerVanishedError'
  | 'OutOfMemoryError'
  | 'DockerTimeoutError'
  | 'DockerUnavailableError'
  | 'TaskUnsupportedError'
  | 'InvalidTaskError'
  | 'AgentConfigError'
  | 'ChannelError'

/** Stable machine-readable codes, one per error class. */
export type AgentErrorCode =
  | 'ECS_AGENT_ERROR'
  | 'ECS_AGENT_CANNOT_PULL_CONTAINER'
  | 'ECS_AGENT_CANNOT_CREATE_CONTAINER'
  | 'ECS_AGENT_CANNOT_START_CONTAINER'
  | 'ECS_AGENT_CANNOT_STOP_CONTAINER'
  | 'ECS_AGENT_CANNOT_INSPECT_CONTAINER'
  | 'ECS_AGENT_CANNOT_REMOVE_CONTAINER'
  | 'ECS_AGENT_CANNOT_REMOVE_VOLUME'
  | 'ECS_AGENT_CANNOT_LIST_CONTAINERS'
  | 'ECS_AGENT_CONTAINER_VANISHED'
  | 'ECS_AGENT_OUT_OF_MEMORY'
  | 'ECS_AGENT_DOCKER_TIMEOUT'
  | 'ECS_AGENT_DOCKER_UNAVAILABLE'
  | 'ECS_AGENT_TASK_UNSUPPORTED'
  | 'ECS_AGENT_INVALID_TASK'
  | 'ECS_AGENT_CONFIG'
  | 'ECS_AGENT_CHANNEL'

/** Options every agent error takes. */
export interface AgentErrorOptions {
  /** The error that caused this one (a dockerode error, a socket error). */
  readonly cause?: unknown
}

/** Base of every error the agent raises; thrown itself only for faults with no better name. */
export class AgentError extends Error {
  override readonly name: AgentErrorName = 'AgentError'
  /** Stable code identifying the error class, safe to switch on. */
  readonly code: AgentErrorCode = 'ECS_AGENT_ERROR'
  /** True when repeating the same step later may succeed (a timeout, a registry hiccup). */
  readonly retriable: boolean = false

  constructor(message: string, options?: AgentErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
  }

  /** The text ECS shows as the container `reason`: `<name>: <message>`, at most 1024 chars. */
  get reason(): string {
    const text = `${this.name}: ${this.message}`
    return text.length > 1024 ? text.slice(0, 1024) : text
  }

  /** Brand read by {@link isAgentError}; `instanceof` fails across package copies, this does not. */
  get [BRAND](): true {
    return true
  }
}

/** True for any error raised by any copy of this agent. */
export function isAgentError(value: unknown): value is AgentError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  )
}

// --- container lifecycle (the names ECS reports as container reasons) -------------------------

/** The image could not be pulled, or is absent when the pull behaviour forbids pulling. */
export class CannotPullContainerError extends AgentError {
  override readonly name = 'CannotPullContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_PULL_CONTAINER'
  override readonly retriable = true
}

/** Docker refused to create the container (bad option, name conflict, missing volume driver). */
export class CannotCreateContainerError extends AgentError {
  override readonly name = 'CannotCreateContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_CREATE_CONTAINER'
  override readonly retriable = false
}

/** Docker refused to start the container (port already allocated, bad entry point). */
export class CannotStartContainerError extends AgentError {
  override readonly name = 'CannotStartContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_START_CONTAINER'
  override readonly retriable = false
}

/** Docker did not confirm the stop; the engine retries before declaring the container stopped. */
export class CannotStopContainerError extends AgentError {
  override readonly name = 'CannotStopContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_STOP_CONTAINER'
  override readonly retriable = true
}

/** Docker could not describe a container the agent manages. */
export class CannotInspectContainerError extends AgentError {
  override readonly name = 'CannotInspectContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_INSPECT_CONTAINER'
  override readonly retriable = true
}

/** Docker could not remove a stopped container during cleanup. */
export class CannotRemoveContainerError extends AgentError {
  override readonly name = 'CannotRemoveContainerError'
  override readonly code = 'ECS_AGENT_CANNOT_REMOVE_CONTAINER'
  override readonly retriable = true
}

/** Docker could not remove a task's volume during cleanup (still in use, driver failure). */
export class CannotRemoveVolumeError extends AgentError {
  override readonly name = 'CannotRemoveVolumeError'
  override readonly code = 'ECS_AGENT_CANNOT_REMOVE_VOLUME'
  override readonly retriable = true
}

/** Docker could not list containers (restart reconciliation). */
export class CannotListContainersError extends AgentError {
  override readonly name = 'CannotListContainersError'
  override readonly code = 'ECS_AGENT_CANNOT_LIST_CONTAINERS'
  override readonly retriable = true
}

/**
 * A container the agent had created (its id is in the state dir) no longer exists in Docker: it
 * was removed while the agent was away. It is reported STOPPED with this reason, never re-created.
 */
export class ContainerVanishedError extends AgentError {
  override readonly name = 'ContainerVanishedError'
  override readonly code = 'ECS_AGENT_CONTAINER_VANISHED'
  override readonly retriable = false
}

/** The kernel killed the container for exceeding its memory limit. */
export class OutOfMemoryError extends AgentError {
  override readonly name = 'OutOfMemoryError'
  override readonly code = 'ECS_AGENT_OUT_OF_MEMORY'
  override readonly retriable = false
}

// --- the engine connection ----------------------------------------------------------------------

/** A Docker Engine call did not answer within its deadline; the request was aborted. */
export class DockerTimeoutError extends AgentError {
  override readonly name = 'DockerTimeoutError'
  override readonly code = 'ECS_AGENT_DOCKER_TIMEOUT'
  override readonly retriable = true
  /** The runtime operation that timed out (`createContainer`, ...). */
  readonly operation: string
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number

  constructor(operation: string, timeoutMs: number, options?: AgentErrorOptions) {
    super(`${operation} did not complete within ${timeoutMs} ms`, options)
    this.operation = operation
    this.timeoutMs = timeoutMs
  }
}

/** The Docker Engine cannot be reached (socket missing, daemon restarting, event stream cut). */
export class DockerUnavailableError extends AgentError {
  override readonly name = 'DockerUnavailableError'
  override readonly code = 'ECS_AGENT_DOCKER_UNAVAILABLE'
  override readonly retriable = true
}

// --- the task itself ----------------------------------------------------------------------------

/**
 * The task uses an option quayside cannot honour on this host (awsvpc networking, secrets, the
 * awslogs driver, EFS volumes, ...). The task fails with this reason rather than running without
 * the option.
 */
export class TaskUnsupportedError extends AgentError {
  override readonly name = 'TaskUnsupportedError'
  override readonly code = 'ECS_AGENT_TASK_UNSUPPORTED'
  override readonly retriable = false
}

/**
 * The task as delivered cannot be run by any agent: a dependency cycle, a mount point naming no
 * volume, a container with no image. The control plane validates most of this at registration;
 * the agent checks again because it must never crash on what it is sent.
 */
export class InvalidTaskError extends AgentError {
  override readonly name = 'InvalidTaskError'
  override readonly code = 'ECS_AGENT_INVALID_TASK'
  override readonly retriable = false
}

/** The agent cannot start as configured: a bad flag, no credentials, an unreadable `--ca`. */
export class AgentConfigError extends AgentError {
  override readonly name = 'AgentConfigError'
  override readonly code = 'ECS_AGENT_CONFIG'
  override readonly retriable = false
}

/** The channel to the server failed (refused upgrade, closed socket); the client reconnects. */
export class ChannelError extends AgentError {
  override readonly name = 'ChannelError'
  override readonly code = 'ECS_AGENT_CHANNEL'
  override readonly retriable = true
}
