/**
 * The agent's health reports (the channel's PublishHealthRequest): each named container of a task
 * on the reporting instance takes the health given, and the task's `healthStatus` follows its
 * essential containers with health checks (../services/health.ts). Tasks that stopped, or are on
 * another instance, are left as they are.
 */
import type { ContainerHealth } from '@quayside/openapi/agent-protocol'
import { idOfTask, saveTask, type TaskRecord } from '../resources/tasks.js'
import { taskHealthStatus } from '../services/health.js'
import type { Scope, Store } from '../store/index.js'

/** Applies `containers`' health to `record` in place; true when something changed. */
export function applyHealth(record: TaskRecord, containers: readonly ContainerHealth[]): boolean {
  const task = record.task
  if (task.lastStatus === 'STOPPED') return false
  let changed = false
  for (const report of containers) {
    const container = task.containers.find(c => c.name === report.containerName)
    if (!container || container.healthStatus === report.healthStatus) continue
    container.healthStatus = report.healthStatus
    changed = true
  }
  const status = taskHealthStatus(task.containers, record.healthChecked ?? [])
  if (status !== task.healthStatus) {
    task.healthStatus = status
    changed = true
  }
  if (changed) task.version += 1
  return changed
}

/**
 * Applies a report of the agent of `instanceId` in `cluster` in one transaction; resolves to the
 * records that changed, for the caller to emit once committed.
 */
export async function reportHealth(
  store: Store,
  scope: Scope,
  cluster: string,
  instanceId: string,
  tasks: readonly { readonly taskArn: string; readonly containers: readonly ContainerHealth[] }[],
): Promise<TaskRecord[]> {
  return store.transaction(async tx => {
    const changed: TaskRecord[] = []
    for (const report of tasks) {
      const doc = await tx.get<TaskRecord>(scope, 'task', idOfTask(report))
      const record = doc?.body
      if (doc?.parent !== cluster || !record || record.instanceId !== instanceId) continue
      if (record.task.taskArn !== report.taskArn || !applyHealth(record, report.containers))
        continue
      await saveTask(tx, scope, cluster, record)
      changed.push(record)
    }
    return changed
  })
}
