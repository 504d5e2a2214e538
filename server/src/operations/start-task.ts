/**
 * StartTask: one task on each named container instance (at most 10), without strategies but
 * with the same feasibility checks as RunTask; unknown instances fail MISSING, instances that
 * are not ACTIVE fail INACTIVE.
 */
import type { Failure, StartTaskRequest, StartTaskResponse } from '@quayside/openapi/types'
import { containerInstanceArn } from '../arn.js'
import { errors } from '../errors.js'
import { instanceId, type ContainerInstanceDocument } from '../resources/container-instances.js'
import { place } from '../scheduler/index.js'
import {
  commitPlacements,
  failuresOf,
  launchAnswer,
  placementLock,
  prepareLaunch,
  snapshotInstances,
  type PlacedTask,
} from '../tasks/launch.js'
import { launchInput } from '../tasks/launch-input.js'
import type { OperationContext } from './context.js'

export async function startTask(
  input: StartTaskRequest,
  { store, scope, runtime }: OperationContext,
): Promise<StartTaskResponse> {
  const references = input.containerInstances
  if (references.length < 1 || references.length > 10)
    throw errors.invalidParameter('containerInstances must name between 1 and 10 instances.')
  const launch = launchInput(input, 1)
  const { records, failures, cluster } = await store.transaction(
    async tx => {
      const prepared = await prepareLaunch(tx, scope, launch)
      const clusterName = prepared.cluster.clusterName
      const failures: Required<Pick<Failure, 'arn' | 'reason'>>[] = []
      const placed: PlacedTask[] = []
      for (const reference of references) {
        const id = instanceId(scope, clusterName, reference)
        const doc =
          id === undefined
            ? undefined
            : await tx.get<ContainerInstanceDocument>(scope, 'container-instance', id)
        const arn = reference.startsWith('arn:')
          ? reference
          : containerInstanceArn(scope, clusterName, reference)
        if (id === undefined || doc?.parent !== clusterName) {
          failures.push({ arn, reason: 'MISSING' })
          continue
        }
        if (doc.body.status !== 'ACTIVE') {
          failures.push({ arn, reason: 'INACTIVE' })
          continue
        }
        const snapshots = await snapshotInstances(
          tx,
          scope,
          prepared,
          [{ id, body: doc.body }],
          runtime.stoppedTaskRetentionMs,
        )
        const result = place(snapshots, prepared.request)
        failures.push(...result.rejections)
        const records = await commitPlacements(
          tx,
          scope,
          prepared,
          result.placements.map(p => p.instanceId),
          new Map([[id, doc.body]]),
        )
        placed.push(...records)
      }
      return { records: placed, failures, cluster: clusterName }
    },
    placementLock(scope, launch.cluster),
  )
  for (const { record, taskJson } of records)
    runtime.events.emit({ scope, cluster, change: 'created', record, taskJson })
  return launchAnswer(records, failuresOf(failures))
}
