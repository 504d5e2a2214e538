/**
 * A task as the channel delivers it (a wire `Task`: ARN, definition ARN, desired status,
 * overrides) made into the engine's {@link EngineTask}, with the container overrides of RunTask
 * (`command`, `environment`, `cpu`, `memory`, `memoryReservation`) applied to the definition.
 * Pure; fetching the definition is the caller's business.
 */
import type {
  ContainerDefinition,
  EngineTask,
  KeyValuePair,
  TaskDefinition,
} from '../task-definition.js'

/** The fields of a wire Task the agent reads. */
export interface WireTask {
  readonly taskArn: string
  readonly taskDefinitionArn: string
  readonly clusterArn?: string | undefined
  readonly desiredStatus: 'RUNNING' | 'STOPPED'
  readonly overrides?: { readonly containerOverrides?: readonly ContainerOverride[] } | undefined
}

export interface ContainerOverride {
  readonly name?: string | undefined
  readonly command?: readonly string[] | undefined
  readonly environment?: readonly KeyValuePair[] | undefined
  readonly cpu?: number | undefined
  readonly memory?: number | undefined
  readonly memoryReservation?: number | undefined
}

/** Reads the fields the agent needs; undefined when the task lacks its ARN or definition. */
export function wireTask(value: Readonly<Record<string, unknown>>): WireTask | undefined {
  const taskArn = value['taskArn']
  const taskDefinitionArn = value['taskDefinitionArn']
  if (typeof taskArn !== 'string' || typeof taskDefinitionArn !== 'string') return undefined
  const cluster = value['clusterArn']
  const overrides = value['overrides']
  return {
    taskArn,
    taskDefinitionArn,
    clusterArn: typeof cluster === 'string' ? cluster : undefined,
    desiredStatus: value['desiredStatus'] === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    overrides: typeof overrides === 'object' && overrides !== null ? overrides : undefined,
  }
}

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

/** The engine's task: `definition` with the task's overrides, in `cluster` unless it names one. */
export function engineTask(
  task: WireTask,
  definition: TaskDefinition,
  cluster: string,
): EngineTask {
  const overrides = task.overrides?.containerOverrides ?? []
  return {
    arn: task.taskArn,
    cluster: task.clusterArn ?? cluster,
    desiredStatus: task.desiredStatus,
    definition: {
      ...definition,
      containerDefinitions: definition.containerDefinitions.map(c =>
        applyOverride(
          c,
          overrides.find(o => o.name === c.name),
        ),
      ),
    },
  }
}
