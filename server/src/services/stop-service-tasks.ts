/**
 * Stops service tasks the scheduler picked (REPLICA ./apply-service.ts and DAEMON
 * ./apply-daemon.ts): each with its reason and stopCode ServiceSchedulerInitiated, written in the
 * pass's transaction. Tasks already stopping, or not among `tasks`, are skipped.
 */
import type { Scope, Transaction } from '../store/index.js'
import { idOfTask, saveTask, type TaskRecord } from '../resources/tasks.js'
import { stopTask } from '../tasks/state-change.js'

export async function stopServiceTasks(
  tx: Transaction,
  where: { readonly scope: Scope; readonly cluster: string },
  tasks: readonly TaskRecord[],
  ids: readonly string[],
  reasonOf: (id: string) => string,
  now: number,
): Promise<TaskRecord[]> {
  const byId = new Map(tasks.map(r => [idOfTask(r.task), r]))
  const stopped: TaskRecord[] = []
  for (const id of ids) {
    const record = byId.get(id)
    if (!record || !stopTask(record, now, reasonOf(id), 'ServiceSchedulerInitiated')) continue
    record.task.version += 1
    await saveTask(tx, where.scope, where.cluster, record)
    stopped.push(record)
  }
  return stopped
}
