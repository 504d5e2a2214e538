/**
 * Scale-in protection per task, shared by UpdateTaskProtection (which changes it) and
 * GetTaskProtection (which reads it). Unknown tasks are `failures` MISSING.
 */
import type { Failure, GetTaskProtectionResponse, ProtectedTask } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import type { OperationContext } from '../operations/context.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, saveTask, type TaskRecord } from '../resources/tasks.js'
import type { Scope } from '../store/index.js'

/** The wire ProtectedTask of a record at `now` (epoch seconds). */
function protectedTask(record: TaskRecord, now: number): ProtectedTask {
  const until = record.protectedUntil
  return until !== undefined && until > now
    ? { taskArn: record.task.taskArn, protectionEnabled: true, expirationDate: until }
    : { taskArn: record.task.taskArn, protectionEnabled: false }
}

const missingArn = (scope: Scope, cluster: string, reference: string) =>
  reference.startsWith('arn:')
    ? reference
    : `arn:aws:ecs:${scope.region}:${scope.account}:task/${cluster}/${reference}`

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
    const failures: Failure[] = []
    for (const reference of references) {
      const record = await findTask(
        tx,
        scope,
        cluster.clusterName,
        reference,
        runtime.stoppedTaskRetentionMs,
      )
      if (!record) {
        failures.push({ arn: missingArn(scope, cluster.clusterName, reference), reason: 'MISSING' })
        continue
      }
      if (change) {
        change(record, now)
        await saveTask(tx, scope, cluster.clusterName, record)
      }
      protectedTasks.push(protectedTask(record, now))
    }
    return { protectedTasks, failures }
  })
}
