/**
 * A report of the agent applied to a task: SubmitTaskStateChange and SubmitContainerStateChange
 * both come here.
 */
import { errors } from '../errors.js'
import type { OperationContext } from '../operations/context.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, saveTask } from '../resources/tasks.js'
import { settleInstance } from './release.js'
import { applyReport, type TaskReport } from './state-change.js'

/** Applies a report to a task in one transaction and emits the change; shared by the agent calls. */
export async function reportTask(
  context: OperationContext,
  clusterRef: string | undefined,
  taskRef: string,
  report: TaskReport,
): Promise<{ acknowledgment: string }> {
  const { store, scope, runtime } = context
  const outcome = await store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, clusterRef)
    const record = await findTask(
      tx,
      scope,
      cluster.clusterName,
      taskRef,
      runtime.stoppedTaskRetentionMs,
    )
    if (!record) throw errors.invalidParameter('The referenced task was not found.')
    const desiredBefore = record.task.desiredStatus
    const transition = applyReport(record, report, Date.now() / 1000)
    if (!transition.changed) return undefined
    await settleInstance(tx, scope, cluster.clusterName, record, transition)
    await saveTask(tx, scope, cluster.clusterName, record)
    const stopped = desiredBefore !== record.task.desiredStatus
    return { record, cluster: cluster.clusterName, stopped }
  })
  // A report that stopped a task the server wanted running is a desired change the agent must
  // hear of: the caller may not be the agent (any key of the account may report, as in ECS),
  // and the agent's own containers must not run on for a task the server holds STOPPED.
  if (outcome)
    runtime.events.emit({
      scope,
      cluster: outcome.cluster,
      record: outcome.record,
      change: outcome.stopped ? 'desired' : 'reported',
    })
  return { acknowledgment: 'ACK' }
}
