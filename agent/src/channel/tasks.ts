/**
 * A task as the channel delivers it (a {@link PayloadTask}: ARN, definition ARN, desired status,
 * overrides) made into the engine's {@link EngineTask}, with the container overrides of RunTask
 * (`command`, `environment`, `cpu`, `memory`, `memoryReservation`) applied to the definition.
 * Pure; fetching the definition is the caller's business.
 */
import type { PayloadTask } from '@quayside/openapi/agent-protocol'
import type { ContainerOverride } from '@quayside/openapi/types'
import type {
  ContainerDefinition,
  EngineTask,
  KeyValuePair,
  TaskDefinition,
} from '../task-definition.js'

/** Environment `base` with `extra` winning by name. */
function mergeEnvironment(
  base: readonly KeyValuePair[] | undefined,
  extra: readonly KeyValuePair[],
): KeyValuePair[] {
  const names = new Set(extra.map(e => e.name))
  return [...(base ?? []).filter(e => !names.has(e.name)), ...extra]
}

/** The container definition with its override applied. */
export function applyOverride(
  definition: ContainerDefinition,
  override: ContainerOverride | undefined,
): ContainerDefinition {
  if (!override) return definition
  return {
    ...definition,
    ...(override.command ? { command: override.command } : {}),
    ...(override.environment
      ? { environment: mergeEnvironment(definition.environment, override.environment) }
      : {}),
    ...(override.cpu !== undefined ? { cpu: override.cpu } : {}),
    ...(override.memory !== undefined ? { memory: override.memory } : {}),
    ...(override.memoryReservation !== undefined
      ? { memoryReservation: override.memoryReservation }
      : {}),
  }
}

/**
 * The engine's task: `definition` with the task's overrides (the containers', and a
 * `taskRoleArn` of RunTask's, which wins over the definition's), in `cluster` unless it names one.
 */
export function engineTask(
  task: PayloadTask,
  definition: TaskDefinition,
  cluster: string,
): EngineTask {
  const overrides = task.overrides?.containerOverrides ?? []
  return {
    arn: task.taskArn,
    cluster: task.clusterArn ?? cluster,
    desiredStatus: task.desiredStatus,
    ...(task.tags ? { tags: task.tags } : {}),
    definition: {
      ...definition,
      ...(task.overrides?.taskRoleArn !== undefined
        ? { taskRoleArn: task.overrides.taskRoleArn }
        : {}),
      containerDefinitions: definition.containerDefinitions.map(c =>
        applyOverride(
          c,
          overrides.find(o => o.name === c.name),
        ),
      ),
    },
  }
}
