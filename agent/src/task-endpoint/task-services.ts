/**
 * What the agent serves to its tasks and its host, started together: the task endpoint
 * (metadata and role credentials, ./task-endpoint.ts) with the credentials broker behind it
 * (./role-credentials.ts), and the introspection API (./introspection.ts).
 */
import type { Server } from 'node:http'
import type { AgentFrame, IAMRoleCredentialsMessage } from '@quayside/openapi/agent-protocol'
import type { ContainerRuntime } from '../docker/runtime.js'
import type { TaskEnvironment } from '../engine/config.js'
import type { TaskState } from '../engine/task-state.js'
import type { EngineTask } from '../task-definition.js'
import { DEFAULT_INTROSPECTION_PORT, startIntrospection } from './introspection.js'
import { RoleCredentialsBroker } from './role-credentials.js'
import { TaskEndpoint } from './task-endpoint.js'

export interface TaskServicesOptions {
  readonly runtime: ContainerRuntime
  readonly stateDir: string
  readonly cluster: string
  readonly containerInstanceArn: string
  readonly version: string
  /** The introspection API's port (default 51678; 0: not served). */
  readonly introspectionPort?: number | undefined
  readonly availabilityZone?: string | undefined
  /** The engine's tasks (read per request). */
  readonly tasks: () => readonly { task: EngineTask; state: TaskState }[]
  readonly lookup: (arn: string) => { task: EngineTask; state: TaskState } | undefined
  /** Sends on the channel; false when it is not open. */
  readonly send: (frame: AgentFrame) => boolean
  readonly log: (line: string) => void
  readonly onError: (error: unknown) => void
}

export interface TaskServices {
  /** The engine's `taskEnvironment`. */
  readonly environment: TaskEnvironment
  /** The task endpoint's port. */
  readonly port: number
  /** The channel's `onRoleCredentials`. */
  readonly receiveCredentials: (message: IAMRoleCredentialsMessage) => void
  close(): Promise<void>
}

export async function startTaskServices(options: TaskServicesOptions): Promise<TaskServices> {
  const broker = new RoleCredentialsBroker({ send: options.send })
  const endpoint = await TaskEndpoint.start({
    runtime: options.runtime,
    lookup: options.lookup,
    credentials: arn => broker.get(arn),
    stateDir: options.stateDir,
    availabilityZone: options.availabilityZone,
    log: options.log,
    onError: options.onError,
  })
  const introspection: Server | undefined = await startIntrospection({
    port: options.introspectionPort ?? DEFAULT_INTROSPECTION_PORT,
    metadata: () => ({
      Cluster: options.cluster,
      ContainerInstanceArn: options.containerInstanceArn,
    }),
    version: options.version,
    tasks: options.tasks,
    log: options.log,
  })
  return {
    environment: endpoint.environment,
    port: endpoint.port,
    receiveCredentials: broker.receive,
    async close() {
      await endpoint.close()
      if (introspection)
        await new Promise<void>(resolve => {
          introspection.close(() => {
            resolve()
          })
          introspection.closeAllConnections()
        })
    },
  }
}
