/**
 * What operations share beyond the store for the server's lifetime: the task event emitter, the
 * stopped-task retention time and the endpoint agents are told to use.
 */
import { randomBytes } from 'node:crypto'
import type { ReplicaRecord } from './channel/poll-endpoint.js'
import { TaskEvents } from './events.js'
import { InstanceChanges } from './services/instance-changes.js'
import { ServiceChanges } from './services/service-changes.js'

/** Server-wide state and settings handed to every operation. */
export interface ServerRuntime {
  readonly events: TaskEvents
  /** CreateService, UpdateService and DeleteService tell the service scheduler here. */
  readonly serviceChanges: ServiceChanges
  /** Operations and the agent channel that change container instances tell the scheduler here. */
  readonly instanceChanges: InstanceChanges
  /** How long a stopped task stays describable, in milliseconds (default one hour). */
  readonly stoppedTaskRetentionMs: number
  /** The listener's base URL (set once it is bound); a wildcard when bound to all interfaces. */
  endpoint: string
  /** `--advertise-url`: the base URL agents are told to use for this replica, when given. */
  advertiseUrl?: string | undefined
  /** The replicas sharing this store (PostgreSQL only), for DiscoverPollEndpoint's choice. */
  replicas?: ReplicaDirectory | undefined
  /**
   * The AES-256 key SSM parameters and secrets are encrypted with (./secrets/key-file.ts), read
   * or created on first use.
   */
  readonly secretsKey: () => Buffer
}

/** What DiscoverPollEndpoint reads of the replica registry (../channel/replica-registry.ts). */
export interface ReplicaDirectory {
  readonly id: string
  /** How old another replica's beat may be for it to be named. */
  readonly freshMs: number
  /** The live replicas' records. */
  live(): Promise<readonly ReplicaRecord[]>
  /** Agent channels this replica holds now. */
  agents(): number
}

/** Default stopped-task retention: ECS keeps stopped tasks for at least an hour. */
export const DEFAULT_STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000

/** A runtime with defaults, for the server and for tests of the pipeline. */
export function createRuntime(
  options: {
    stoppedTaskRetentionMs?: number | undefined
    /** Default: a random key of this process alone (tests). */
    secretsKey?: (() => Buffer) | undefined
  } = {},
): ServerRuntime {
  let ownKey: Buffer | undefined
  return {
    secretsKey: options.secretsKey ?? (() => (ownKey ??= randomBytes(32))),
    events: new TaskEvents(),
    serviceChanges: new ServiceChanges(),
    instanceChanges: new InstanceChanges(),
    stoppedTaskRetentionMs: options.stoppedTaskRetentionMs ?? DEFAULT_STOPPED_TASK_RETENTION_MS,
    endpoint: '',
  }
}
