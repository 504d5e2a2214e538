/**
 * What operations share beyond the store for the server's lifetime: the task event emitter, the
 * stopped-task retention time and the endpoint agents are told to use.
 */
import { TaskEvents } from './events.js'

/** Server-wide state and settings handed to every operation. */
export interface ServerRuntime {
  readonly events: TaskEvents
  /** How long a stopped task stays describable, in milliseconds (default one hour). */
  readonly stoppedTaskRetentionMs: number
  /** The base URL DiscoverPollEndpoint answers (set once the listener is bound). */
  endpoint: string
}

/** Default stopped-task retention: ECS keeps stopped tasks for at least an hour. */
export const DEFAULT_STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000

/** A runtime with defaults, for the server and for tests of the pipeline. */
export function createRuntime(
  options: { stoppedTaskRetentionMs?: number | undefined } = {},
): ServerRuntime {
  return {
    events: new TaskEvents(),
    stoppedTaskRetentionMs: options.stoppedTaskRetentionMs ?? DEFAULT_STOPPED_TASK_RETENTION_MS,
    endpoint: '',
  }
}
