/**
 * What the agent keeps on disk about each task it manages, so that a restarted agent knows what it
 * had created: the task as it was accepted (definition with overrides) and, per container, the
 * Docker name and id. Pure: building, comparing and reading records; `task-store.ts` does the I/O.
 *
 * Why both the state dir and Docker labels: labels find every container that exists, but only
 * the record can tell that a container *existed* and is gone (removed while the agent was down),
 * which must be reported as ContainerVanishedError and never re-created; and only the record
 * holds the definition of a task the server no longer lists (an orphan to stop).
 */
import type { EngineTask } from '../task-definition.js'
import type { TaskState } from './task-state.js'

/** One container of a {@link TaskRecord}. */
export interface ContainerRecord {
  readonly name: string
  /** The Docker name, chosen before create. */
  readonly dockerName: string
  /** The Docker id, once created. */
  readonly runtimeId?: string | undefined
  /** ISO time the container was first seen running, if it was. */
  readonly startedAt?: string | undefined
}

/** The state dir's record of one task (format version 1). */
export interface TaskRecord {
  readonly version: 1
  readonly task: EngineTask
  readonly containers: readonly ContainerRecord[]
}

/** The record of `task` in `state`. */
export function taskRecord(task: EngineTask, state: TaskState): TaskRecord {
  // secret values stay in memory: a restarted agent that must create a container again asks anew
  const kept: EngineTask = { ...task }
  delete (kept as { secrets?: unknown }).secrets
  return {
    version: 1,
    task: kept,
    containers: state.containers.map(c => ({
      name: c.name,
      dockerName: c.dockerName,
      ...(c.runtimeId === undefined ? {} : { runtimeId: c.runtimeId }),
      ...(c.startedAt === undefined ? {} : { startedAt: c.startedAt.toISOString() }),
    })),
  }
}

/** True when the two records say the same about the containers (the task never changes). */
export function sameContainers(a: TaskRecord | undefined, b: TaskRecord): boolean {
  if (a === undefined || a.containers.length !== b.containers.length) return false
  return a.containers.every((c, i) => {
    const d = b.containers[i]
    return (
      d !== undefined &&
      c.name === d.name &&
      c.dockerName === d.dockerName &&
      c.runtimeId === d.runtimeId &&
      c.startedAt === d.startedAt
    )
  })
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string'

function containerRecord(value: unknown): value is ContainerRecord {
  return (
    isObject(value) &&
    typeof value['name'] === 'string' &&
    typeof value['dockerName'] === 'string' &&
    optionalString(value['runtimeId']) &&
    optionalString(value['startedAt'])
  )
}

/**
 * `value` (parsed JSON) as a record, or undefined when it is not one this agent wrote: the shape
 * needed to stop the task's containers is checked (ARN, cluster, desired status, family,
 * revision, container names); the rest of the definition is taken as written.
 */
export function parseTaskRecord(value: unknown): TaskRecord | undefined {
  if (!isObject(value) || value['version'] !== 1) return undefined
  const { task, containers } = value
  if (!isObject(task) || !Array.isArray(containers) || !containers.every(containerRecord)) {
    return undefined
  }
  const definition = task['definition']
  if (
    typeof task['arn'] !== 'string' ||
    typeof task['cluster'] !== 'string' ||
    (task['desiredStatus'] !== 'RUNNING' && task['desiredStatus'] !== 'STOPPED') ||
    !isObject(definition) ||
    typeof definition['family'] !== 'string' ||
    typeof definition['revision'] !== 'number' ||
    !Array.isArray(definition['containerDefinitions']) ||
    !definition['containerDefinitions'].every(c => isObject(c) && typeof c['name'] === 'string')
  ) {
    return undefined
  }
  return value as unknown as TaskRecord
}
