/** DescribeTasks: up to 100 ids or ARNs; unknown or expired ones are `failures` MISSING. */
import type {
  DescribeTasksRequest,
  DescribeTasksResponse,
  Failure,
  Task,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, renderTask } from '../resources/tasks.js'
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
    const failures: Failure[] = []
    for (const reference of references) {
      const record = await findTask(
        tx,
        scope,
        cluster.clusterName,
        reference,
        runtime.stoppedTaskRetentionMs,
      )
      if (record) tasks.push(renderTask(record, include))
      else {
        const arn = reference.startsWith('arn:')
          ? reference
          : `arn:aws:ecs:${scope.region}:${scope.account}:task/${cluster.clusterName}/${reference}`
        failures.push({ arn, reason: 'MISSING' })
      }
    }
    return { tasks, failures }
  })
}
