/**
 * StopTask: desired STOPPED with `reason` (default "Task stopped by user") and stopCode
 * UserInitiated; the agent channel delivers the change. A task already stopping is returned as
 * it is.
 */
import type { StopTaskRequest, StopTaskResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, renderTask, saveTask } from '../resources/tasks.js'
import { stopTask as markStopped } from '../tasks/state-change.js'
import type { OperationContext } from './context.js'

export async function stopTask(
  input: StopTaskRequest,
  { store, scope, runtime }: OperationContext,
): Promise<StopTaskResponse> {
  const reference = input.task
  const reason = input.reason ?? 'Task stopped by user'
  const { record, cluster, changed } = await store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const record = await findTask(
      tx,
      scope,
      cluster.clusterName,
      reference,
      runtime.stoppedTaskRetentionMs,
    )
    if (!record) throw errors.invalidParameter('The referenced task was not found.')
    const changed = markStopped(record, Date.now() / 1000, reason, 'UserInitiated')
    if (changed) {
      record.task.version += 1
      await saveTask(tx, scope, cluster.clusterName, record)
    }
    return { record, cluster: cluster.clusterName, changed }
  })
  if (changed) runtime.events.emit({ scope, cluster, change: 'desired', record })
  return { task: renderTask(record, ['TAGS']) }
}
