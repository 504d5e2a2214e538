/** DescribeTasks: up to 100 ids or ARNs; unknown or expired ones are `failures` MISSING. */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, renderTask } from '../resources/tasks.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const describeTasks: OperationHandler = (input, { store, scope, runtime }) => {
  const references = strings(input, 'tasks') ?? []
  if (references.length > 100) throw errors.invalidParameter('tasks can name at most 100 tasks.')
  const include = strings(input, 'include') ?? []
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const tasks: object[] = []
    const failures: { arn: string; reason: string }[] = []
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
