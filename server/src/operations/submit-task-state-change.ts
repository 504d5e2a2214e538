/**
 * SubmitTaskStateChange, as the agent calls it: moves the task and its containers forward
 * (PENDING -> RUNNING -> STOPPED) with exit codes, reasons, network bindings and timestamps, and
 * gives the reservation back when the task stops. Answers `{acknowledgment: "ACK"}`.
 */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, saveTask } from '../resources/tasks.js'
import { settleInstance } from '../tasks/release.js'
import { applyReport, type ContainerReport, type TaskReport } from '../tasks/state-change.js'
import type { OperationContext, OperationHandler } from './context.js'
import { num, objects, str } from './input.js'

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
    const transition = applyReport(record, report, Date.now() / 1000)
    if (!transition.changed) return undefined
    await settleInstance(tx, scope, cluster.clusterName, record, transition)
    await saveTask(tx, scope, cluster.clusterName, record)
    return { record, cluster: cluster.clusterName }
  })
  if (outcome) runtime.events.emit({ scope, ...outcome, change: 'reported' })
  return { acknowledgment: 'ACK' }
}

export const submitTaskStateChange: OperationHandler = (input, context) =>
  reportTask(context, str(input, 'cluster'), str(input, 'task') ?? '', {
    status: str(input, 'status'),
    reason: str(input, 'reason'),
    containers: objects<ContainerReport>(input, 'containers'),
    pullStartedAt: num(input, 'pullStartedAt'),
    pullStoppedAt: num(input, 'pullStoppedAt'),
    executionStoppedAt: num(input, 'executionStoppedAt'),
  })
