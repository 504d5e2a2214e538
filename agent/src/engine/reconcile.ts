/**
 * Restart reconciliation: after the agent restarts, find the containers it created before, by the
 * `com.amazonaws.ecs.*` labels, and group them by task and container name so each task's manager
 * can start from what is really there instead of creating duplicates; then combine that with the
 * state dir's records and the control plane's full task list ({@link restorePlan}, pure).
 *
 * Docker is the source of truth for what exists, the state dir for what existed, the control
 * plane for what should run:
 * - a container Docker has is adopted (running, created or exited);
 * - a container the record says was created but Docker lacks *vanished* (removed while the agent
 *   was away): it is STOPPED with ContainerVanishedError, never created again;
 * - a container neither knows was never created: it is created as usual;
 * - a task with containers or a record here that the control plane no longer lists is an
 *   *orphan*: its containers are stopped (and removed after the cleanup delay).
 */
import {
  CLUSTER_LABEL,
  FAMILY_LABEL,
  INSTANCE_LABEL,
  REVISION_LABEL,
  TASK_ARN_LABEL,
  identityFromLabels,
} from '../docker/identity.js'
import type { ContainerDetails, ContainerRuntime } from '../docker/runtime.js'
import type { EngineTask } from '../task-definition.js'
import type { TaskRecord } from './task-record.js'

/** What Docker holds for one task. */
export interface DiscoveredTask {
  readonly taskArn: string
  /** The container to manage for each container name. */
  readonly containers: ReadonlyMap<string, ContainerDetails>
  /**
   * Further Docker containers carrying the same task and container name (should never happen;
   * a crash mid-create by an agent without the adopt-on-conflict rule could leave one). They are
   * reported, not touched.
   */
  readonly duplicates: readonly ContainerDetails[]
}

/** Running beats created beats exited: the container most worth keeping of two namesakes. */
function preference(details: ContainerDetails): number {
  if (details.state.running) return 2
  return details.state.status === 'created' ? 1 : 0
}

/** Groups inspected containers by task (pure); containers without our labels are skipped. */
export function groupByTask(found: readonly ContainerDetails[]): Map<string, DiscoveredTask> {
  const chosen = new Map<string, Map<string, ContainerDetails>>()
  const duplicates = new Map<string, ContainerDetails[]>()
  for (const details of found) {
    const identity = identityFromLabels(details.labels)
    if (!identity) continue
    const containers = chosen.get(identity.taskArn) ?? new Map<string, ContainerDetails>()
    chosen.set(identity.taskArn, containers)
    const extra = duplicates.get(identity.taskArn) ?? []
    duplicates.set(identity.taskArn, extra)
    const previous = containers.get(identity.containerName)
    if (previous && preference(previous) >= preference(details)) {
      extra.push(details)
      continue
    }
    if (previous) extra.push(previous)
    containers.set(identity.containerName, details)
  }
  return new Map(
    [...chosen].map(([taskArn, containers]) => [
      taskArn,
      { taskArn, containers, duplicates: duplicates.get(taskArn) ?? [] },
    ]),
  )
}

/**
 * Every task the agent has containers for on this host (in `cluster`, and created for
 * `instanceArn`, when given), as Docker reports them now. Rejects with `CannotListContainersError` / `CannotInspectContainerError`.
 */
export async function discoverTasks(
  runtime: ContainerRuntime,
  cluster?: string,
  instanceArn?: string,
): Promise<Map<string, DiscoveredTask>> {
  const rows = await runtime.listContainers({
    [TASK_ARN_LABEL]: true,
    ...(cluster === undefined ? {} : { [CLUSTER_LABEL]: cluster }),
    ...(instanceArn === undefined ? {} : { [INSTANCE_LABEL]: instanceArn }),
  })
  const inspected = await Promise.all(rows.map(row => runtime.inspectContainer(row.id)))
  return groupByTask(inspected.filter(d => d !== undefined))
}

/** A container the state dir says was created, which Docker no longer has. */
export interface VanishedContainer {
  readonly dockerName: string
  readonly runtimeId: string
  readonly startedAt?: Date | undefined
}

/** How one task resumes after a restart. */
export interface RestoreEntry {
  /** The task to manage; desired STOPPED for an orphan. */
  readonly task: EngineTask
  /** The Docker containers to adopt, by container name. */
  readonly found: ReadonlyMap<string, ContainerDetails>
  /** Containers created before and gone now, by container name. */
  readonly vanished: ReadonlyMap<string, VanishedContainer>
  /** True when the control plane did not list the task: stop it without reporting. */
  readonly orphan: boolean
}

function vanishedOf(
  task: EngineTask,
  found: ReadonlyMap<string, ContainerDetails>,
  record: TaskRecord | undefined,
): Map<string, VanishedContainer> {
  const names = new Set(task.definition.containerDefinitions.map(c => c.name))
  const vanished = new Map<string, VanishedContainer>()
  for (const c of record?.containers ?? []) {
    if (c.runtimeId === undefined || found.has(c.name) || !names.has(c.name)) continue
    const startedAt = c.startedAt === undefined ? undefined : new Date(c.startedAt)
    vanished.set(c.name, {
      dockerName: c.dockerName,
      runtimeId: c.runtimeId,
      ...(startedAt && !Number.isNaN(startedAt.getTime()) ? { startedAt } : {}),
    })
  }
  return vanished
}

/**
 * A task rebuilt from its containers' labels alone (no record: an agent without a state dir made
 * them): enough to stop and remove them, which is all an orphan needs.
 */
export function taskFromLabels(discovered: DiscoveredTask): EngineTask {
  const containers = [...discovered.containers]
  const labels = containers[0]?.[1].labels ?? {}
  const revision = Number(labels[REVISION_LABEL])
  return {
    arn: discovered.taskArn,
    cluster: labels[CLUSTER_LABEL] ?? '',
    desiredStatus: 'STOPPED',
    definition: {
      family: labels[FAMILY_LABEL] ?? 'unknown',
      revision: Number.isInteger(revision) ? revision : 0,
      containerDefinitions: containers.map(([name, details]) => ({ name, image: details.image })),
    },
  }
}

/**
 * The restart plan (pure): every task of `listed` (the control plane's full list) with what
 * Docker has and what vanished, then every orphan: tasks with a record (`records`, from the state
 * dir) or containers (`discovered`) that `listed` lacks, desired STOPPED. Tasks in `keep` (listed
 * by the control plane but not given, e.g. their definition could not be fetched) are left out
 * altogether: never orphans.
 */
export function restorePlan(
  listed: readonly EngineTask[],
  discovered: ReadonlyMap<string, DiscoveredTask>,
  records: readonly TaskRecord[],
  keep: Iterable<string> = [],
): RestoreEntry[] {
  const byArn = new Map(records.map(r => [r.task.arn, r]))
  const entry = (task: EngineTask, orphan: boolean): RestoreEntry => {
    const found = discovered.get(task.arn)?.containers ?? new Map<string, ContainerDetails>()
    return { task, found, vanished: vanishedOf(task, found, byArn.get(task.arn)), orphan }
  }
  const named = new Set([...listed.map(t => t.arn), ...keep])
  const plan = listed.map(task => entry(task, false))
  for (const record of records) {
    if (named.has(record.task.arn)) continue
    named.add(record.task.arn)
    plan.push(entry({ ...record.task, desiredStatus: 'STOPPED' }, true))
  }
  for (const task of discovered.values()) {
    if (!named.has(task.taskArn)) plan.push(entry(taskFromLabels(task), true))
  }
  return plan
}
