/**
 * What the agent is asked to run: a task (its ARN, cluster and desired status) and the task
 * definition it was started from, in the spec's own shapes (`ContainerDefinition`,
 * `PortMapping`, `Volume`, ...), as DescribeTaskDefinition answers them. The agent reads only
 * some members; anything else is ignored, except the options listed in `docker/unsupported.ts`,
 * which fail the task with a reason.
 */
import type { ContainerSecrets, DesiredStatus } from '@quayside/openapi/agent-protocol'
import type * as Spec from '@quayside/openapi/types'
import { InvalidTaskError } from './errors.js'

export type {
  ContainerCondition,
  ContainerDependency,
  ContainerRestartPolicy,
  DockerVolumeConfiguration,
  HealthCheck,
  KeyValuePair,
  LinuxParameters,
  MountPoint,
  NetworkMode,
  PortMapping,
  TransportProtocol,
  Volume,
} from '@quayside/openapi/types'

/** The spec's container definition; a registered one always has its `name`. */
export interface ContainerDefinition extends Spec.ContainerDefinition {
  readonly name: string
}

/**
 * The spec's task definition with the members a registered one always has: `family`,
 * `revision`, and containers that have their names.
 */
export interface TaskDefinition extends Omit<Spec.TaskDefinition, 'containerDefinitions'> {
  readonly family: string
  readonly revision: number
  readonly containerDefinitions: readonly ContainerDefinition[]
}

/**
 * The definition DescribeTaskDefinition answered, checked to have what a registered definition
 * always has; an {@link InvalidTaskError} otherwise.
 */
export function runnableDefinition(definition: Spec.TaskDefinition): TaskDefinition {
  const { family, revision, containerDefinitions } = definition
  if (family === undefined || revision === undefined || containerDefinitions === undefined)
    throw new InvalidTaskError('the task definition has no family, revision or containers')
  const containers = containerDefinitions.map(container => {
    const { name } = container
    if (name === undefined)
      throw new InvalidTaskError(`${family}:${String(revision)} has a container without a name`)
    return { ...container, name }
  })
  return { ...definition, family, revision, containerDefinitions: containers }
}

/** A task as the engine receives it: which definition to run, where, and what the backend wants. */
export interface EngineTask {
  /** `arn:aws:ecs:<region>:<account>:task/<cluster>/<id>`. */
  readonly arn: string
  /** The cluster name or ARN, written into the `com.amazonaws.ecs.cluster` label. */
  readonly cluster: string
  readonly definition: TaskDefinition
  /** What the control plane wants; STOPPED is StopTask. */
  readonly desiredStatus: DesiredStatus
  /** The task's tags, for the task metadata endpoint's `/taskWithTags`. */
  readonly tags?: readonly Spec.Tag[] | undefined
  /**
   * The containers' `secrets` values and registry logins, as the server resolved them
   * (TaskSecretsMessage); kept in memory only, never in the state dir's record.
   */
  readonly secrets?: readonly ContainerSecrets[] | undefined
  /** Why the task cannot start (its secrets could not be read): it stops with TaskFailedToStart. */
  readonly startFailure?: string | undefined
}

/** The task id: the last segment of the task ARN. */
export function taskIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}
