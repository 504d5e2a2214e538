/**
 * Scale-in protection per task, shared by UpdateTaskProtection (which changes it) and
 * GetTaskProtection (which reads it). Unknown tasks are `failures` MISSING.
 */
import type { GetTaskProtectionResponse, ProtectedTask } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import type { OperationContext } from '../operations/context.js'
import { activeCluster } from '../resources/clusters.js'
import { saveTask, type TaskRecord } from '../resources/tasks.js'
import { findTasks } from './find-tasks.js'

/** The wire ProtectedTask of a record at `now` (epoch seconds). */
function protectedTask(record: TaskRecord, now: number): ProtectedTask {
  const until = record.protectedUntil
  return until !== undefined && until > now
    ? { taskArn: record.task.taskArn, protectionEnabled: true, expirationDate: until }
    : { taskArn: record.task.taskArn, protectionEnabled: false }
}

/** What both operations answer (UpdateTaskProtectionResponse has the same members). */
export type ProtectionAnswer = Required<GetTaskProtectionResponse>

/** Reads (and with `change`, updates) the protection of the named tasks of `clusterRef`. */
export function protection(
  clusterRef: string,
  references: readonly string[],
  { store, scope, runtime }: OperationContext,
  change?: (record: TaskRecord, now: number) => void,
): Promise<ProtectionAnswer> {
  if (references.length > 10) throw errors.invalidParameter('tasks can name at most 10 tasks.')
  return store.transaction(async (tx): Promise<ProtectionAnswer> => {
    const cluster = await activeCluster(tx, scope, clusterRef)
    const now = Date.now() / 1000
    const protectedTasks: ProtectedTask[] = []
    const failures = await findTasks(
      tx,
      scope,
      cluster.clusterName,
      references,
      runtime.stoppedTaskRetentionMs,
      async record => {
        if (change) {
          change(record, now)
          await saveTask(tx, scope, cluster.clusterName, record)
        }
        protectedTasks.push(protectedTask(record, now))
      },
    )
    return { protectedTasks, failures }
  })
}
