/** DescribeTasks: up to 100 ids or ARNs; unknown or expired ones are `failures` MISSING. */
import type { DescribeTasksRequest, DescribeTasksResponse, Task } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { renderTask } from '../resources/tasks.js'
import { findTasks } from '../tasks/find-tasks.js'
import type { OperationContext } from './context.js'

export function describeTasks(
  input: DescribeTasksRequest,
  { store, scope, runtime }: OperationContext,
): Promise<DescribeTasksResponse> {
  const references = input.tasks
  if (references.length === 0) throw errors.invalidParameter('Tasks cannot be empty.')
  if (references.length > 100) throw errors.invalidParameter('tasks can name at most 100 tasks.')
  const include = input.include ?? []
  return store.transaction(async (tx): Promise<DescribeTasksResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const tasks: Task[] = []
    const failures = await findTasks(
      tx,
      scope,
      cluster.clusterName,
      references,
      runtime.stoppedTaskRetentionMs,
      record => {
        tasks.push(renderTask(record, include))
      },
    )
    return { tasks, failures }
  })
}
