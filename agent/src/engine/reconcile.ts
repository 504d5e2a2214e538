/**
 * Restart reconciliation: after the agent restarts, find the containers it created before, by the
 * `com.amazonaws.ecs.*` labels alone, and group them by task and container name so each task's
 * manager can start from what is really there instead of creating duplicates.
 *
 * Docker is the source of truth for what exists; the task definitions come from the agent's state
 * dir or the control plane's resync (both next session). A container the task defines but Docker
 * does not have is treated as never created.
 */
import { CLUSTER_LABEL, TASK_ARN_LABEL, identityFromLabels } from '../docker/identity.js'
import type { ContainerDetails, ContainerRuntime } from '../docker/runtime.js'

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
 * Every task the agent has containers for on this host (in `cluster`, when given), as Docker
 * reports them now. Rejects with `CannotListContainersError` / `CannotInspectContainerError`.
 */
export async function discoverTasks(
  runtime: ContainerRuntime,
  cluster?: string,
): Promise<Map<string, DiscoveredTask>> {
  const rows = await runtime.listContainers({
    [TASK_ARN_LABEL]: true,
    ...(cluster === undefined ? {} : { [CLUSTER_LABEL]: cluster }),
  })
  const inspected = await Promise.all(rows.map(row => runtime.inspectContainer(row.id)))
  return groupByTask(inspected.filter(d => d !== undefined))
}
