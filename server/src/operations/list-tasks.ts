/**
 * ListTasks: filters `containerInstance`, `family`, `serviceName` (tasks of group
 * `service:<name>`), `startedBy` (with none of the first three, as ECS requires), `launchType`
 * and `desiredStatus` (default RUNNING; PENDING never matches, as in ECS); paginated by task id
 * (1-100, default 100). Expired stopped tasks are skipped.
 */
import type { ListTasksRequest, ListTasksResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import { activeCluster } from '../resources/clusters.js'
import { instanceId } from '../resources/container-instances.js'
import { expired, type TaskRecord } from '../resources/tasks.js'
import type { OperationContext } from './context.js'

export function listTasks(
  input: ListTasksRequest,
  { store, scope, runtime }: OperationContext,
): Promise<ListTasksResponse> {
  const limit = pageSize(input.maxResults, 100)
  const { containerInstance, family, serviceName, startedBy, launchType } = input
  const desiredStatus = input.desiredStatus ?? 'RUNNING'
  if (
    startedBy !== undefined &&
    (containerInstance !== undefined || family !== undefined || serviceName !== undefined)
  ) {
    throw errors.invalidParameter(
      'startedBy cannot be combined with containerInstance, family or serviceName.',
    )
  }
  return store.transaction(async (tx): Promise<ListTasksResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const instance =
      containerInstance === undefined
        ? undefined
        : (instanceId(scope, cluster.clusterName, containerInstance) ?? ' none')
    const filters = {
      cluster: cluster.clusterName,
      instance,
      family,
      serviceName,
      startedBy,
      launchType,
      desiredStatus,
    }
    let after = decodeToken('ListTasks', filters, input.nextToken)
    const now = Date.now()
    const arns: string[] = []
    let lastId: string | undefined
    let more = false
    const matches = (r: TaskRecord): boolean =>
      r.task.desiredStatus === desiredStatus &&
      (instance === undefined || r.instanceId === instance) &&
      (family === undefined || r.family === family) &&
      (serviceName === undefined || r.task.group === `service:${serviceName}`) &&
      (startedBy === undefined || r.task.startedBy === startedBy) &&
      (launchType === undefined || r.task.launchType === launchType) &&
      !expired(r, runtime.stoppedTaskRetentionMs, now)
    for (;;) {
      const batch = await tx.list<TaskRecord>(scope, 'task', {
        parent: cluster.clusterName,
        after,
        limit: 500,
      })
      for (const doc of batch) {
        if (!matches(doc.body)) continue
        if (arns.length === limit) {
          more = true
          break
        }
        arns.push(doc.body.task.taskArn)
        lastId = doc.id
      }
      const last = batch[batch.length - 1]
      if (more || batch.length < 500 || !last) break
      after = last.id
    }
    return {
      taskArns: arns,
      ...(more && lastId !== undefined
        ? { nextToken: encodeToken('ListTasks', filters, lastId) }
        : {}),
    }
  })
}
