/**
 * The engine's record of one task and its containers: what is known (observed in Docker or
 * confirmed by a completed call) and what is desired (asked by the control plane, or implied by
 * the essential rule). Values are immutable; the task manager replaces them as it learns.
 */
import type { NetworkBinding } from '../docker/port-bindings.js'
import type { ContainerDependency, EngineTask } from '../task-definition.js'
import { restartPolicyOf, type RestartPolicy } from './restart-policy.js'
import type { ContainerStatus, DesiredStatus, HealthStatus, TaskStatus } from './status.js'

/** Why a task stopped, as ECS's `stopCode` spells it (the subset the agent can cause). */
export type StopCode = 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated'

export interface ContainerState {
  readonly name: string
  readonly known: ContainerStatus
  readonly desired: DesiredStatus
  /** The transition being applied right now (a Docker call in flight), if any. */
  readonly applied?: ContainerStatus | undefined
  readonly essential: boolean
  /** `dependsOn`, plus START dependencies implied by `links` and `volumesFrom`. */
  readonly dependsOn: readonly ContainerDependency[]
  /** Whether the definition has a health check (HEALTHY dependencies need one). */
  readonly hasHealthCheck: boolean
  /**
   * `startTimeout`, seconds: how long after this container starts its dependents wait for it to
   * reach a COMPLETE, SUCCESS or HEALTHY condition before giving up.
   */
  readonly startTimeout?: number | undefined
  /** The enabled restart policy, if any. */
  readonly restartPolicy?: RestartPolicy | undefined
  /** Times the container was restarted in place by its restart policy. */
  readonly restartCount: number
  /** The Docker name, fixed before create. */
  readonly dockerName: string
  /** The Docker container id once created. */
  readonly runtimeId?: string | undefined
  readonly exitCode?: number | undefined
  /** Why the container stopped when it did not simply exit: `<ErrorName>: <message>`. */
  readonly reason?: string | undefined
  readonly health: HealthStatus
  readonly networkBindings: readonly NetworkBinding[]
  readonly imageId?: string | undefined
  readonly startedAt?: Date | undefined
  readonly finishedAt?: Date | undefined
}

export interface TaskState {
  readonly arn: string
  readonly known: TaskStatus
  readonly desired: DesiredStatus
  /** In definition order. */
  readonly containers: readonly ContainerState[]
  readonly stopCode?: StopCode | undefined
  readonly stoppedReason?: string | undefined
  readonly pullStartedAt?: Date | undefined
  readonly pullStoppedAt?: Date | undefined
  readonly startedAt?: Date | undefined
  readonly executionStoppedAt?: Date | undefined
}

/** What the manager learns about one container at a time. */
export type ContainerPatch = Partial<
  Omit<ContainerState, 'name' | 'essential' | 'dependsOn' | 'startTimeout' | 'restartPolicy'>
>

/** The dependencies of each container: explicit `dependsOn` plus links and volumesFrom as START. */
function dependenciesOf(task: EngineTask, name: string): ContainerDependency[] {
  const definition = task.definition.containerDefinitions.find(c => c.name === name)
  const explicit = definition?.dependsOn ?? []
  const linked = (definition?.links ?? []).map(link => link.split(':')[0] ?? link)
  const volumes = (definition?.volumesFrom ?? []).flatMap(v =>
    v.sourceContainer === undefined ? [] : [v.sourceContainer],
  )
  const implicit = [...linked, ...volumes]
    .filter(dep => !explicit.some(d => d.containerName === dep))
    .map(containerName => ({ containerName, condition: 'START' as const }))
  return [...explicit, ...implicit]
}

const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0

/** A task as first seen: every container NONE, desired as the task's. */
export function initialTaskState(
  task: EngineTask,
  dockerNames: ReadonlyMap<string, string>,
): TaskState {
  return {
    arn: task.arn,
    known: 'NONE',
    desired: task.desiredStatus,
    containers: task.definition.containerDefinitions.map(definition => ({
      name: definition.name,
      known: 'NONE',
      desired: task.desiredStatus,
      essential: definition.essential !== false,
      dependsOn: dependenciesOf(task, definition.name),
      hasHealthCheck: definition.healthCheck !== undefined,
      ...(positive(definition.startTimeout) ? { startTimeout: definition.startTimeout } : {}),
      restartPolicy: restartPolicyOf(definition),
      restartCount: 0,
      dockerName: dockerNames.get(definition.name) ?? definition.name,
      health: 'UNKNOWN',
      networkBindings: [],
    })),
  }
}

/** `state` with container `name` patched. */
export function patchContainer(state: TaskState, name: string, patch: ContainerPatch): TaskState {
  return {
    ...state,
    containers: state.containers.map(c => (c.name === name ? { ...c, ...patch } : c)),
  }
}

/** The container named `name`, if the task has one. */
export function containerNamed(state: TaskState, name: string): ContainerState | undefined {
  return state.containers.find(c => c.name === name)
}
