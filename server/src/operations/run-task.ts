/**
 * RunTask (EC2/EXTERNAL): places `count` (1-10) tasks on ACTIVE instances with a connected agent
 * through the scheduler's placement function, reserving resources in the same transaction;
 * what does not fit comes back as `failures` with ECS's reasons. An empty cluster is an
 * InvalidParameterException, as in ECS. A repeated `clientToken` answers the original call's
 * tasks and creates none (../idempotency/run-task-token.ts).
 */
import type { RunTaskRequest, RunTaskResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { readClaim } from '../idempotency/client-token.js'
import { recordRunTask, replayRunTask } from '../idempotency/run-task-token.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { place, ranksWholeCluster, type PlacementResult } from '../scheduler/index.js'
import type { Scope, Transaction } from '../store/index.js'
import { placedOnView, placeOnView } from '../tasks/cluster-views.js'
import {
  commitPlacements,
  failuresOf,
  launchAnswer,
  placementLock,
  prepareLaunch,
  sampleInstances,
  type PreparedLaunch,
  snapshotInstances,
} from '../tasks/launch.js'
import { launchInput } from '../tasks/launch-input.js'
import type { OperationContext } from './context.js'

/**
 * Instances read before the whole cluster is (see sampleInstances): SPARE more than the tasks to
 * place, so that the random choice always has several candidates. Schedulers that rank nodes
 * bound their candidates the same way (nomad ranks a few nodes, not the whole cluster).
 */
const SPARE = 2

export async function runTask(
  input: RunTaskRequest,
  { store, scope, runtime }: OperationContext,
): Promise<RunTaskResponse> {
  const count = input.count ?? 1
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw errors.invalidParameter('count must be between 1 and 10.')
  if (input.launchType === 'FARGATE')
    throw errors.invalidParameter(
      'Only the EC2 and EXTERNAL launch types are available on this server.',
    )
  const launch = launchInput(input, count)
  const claim = readClaim('RunTask', input)
  const outcome = await store.transaction(
    async tx => {
      const replayed = await replayRunTask(
        tx,
        scope,
        claim,
        launch.cluster,
        runtime.stoppedTaskRetentionMs,
      )
      if (replayed) return { replayed }
      const prepared = await prepareLaunch(tx, scope, launch)
      // Spread and binpack rank every instance: on the process's copy of the cluster (see
      // ../tasks/cluster-views.ts) unless a constraint is given, whose expressions may read what
      // the copy does not follow (attributes of other instances, running counts). SQLite only:
      // on PostgreSQL other replicas place into the same cluster behind this process's copy, and
      // the bench found instances over-committed with it there, so the cluster is read in the
      // transaction (under the cluster's placement lock).
      const viewable =
        store.kind === 'sqlite' &&
        ranksWholeCluster(prepared.request) &&
        prepared.request.constraints.length === 0
      const viewed = viewable ? await placeOnView(tx, scope, runtime, prepared) : undefined
      const { result, byId } = viewed
        ? { result: viewed.result, byId: viewed.instances }
        : await readAndPlace(tx, scope, prepared, runtime.stoppedTaskRetentionMs)
      const written = new Map<string, ContainerInstanceDocument>()
      const placed = await commitPlacements(
        tx,
        scope,
        prepared,
        result.placements.map(p => p.instanceId),
        byId,
        written,
      )
      placedOnView(runtime, scope, prepared.cluster.clusterName, placed, written)
      await recordRunTask(
        tx,
        scope,
        claim,
        prepared.cluster.clusterName,
        placed,
        failuresOf(result.rejections),
      )
      return {
        records: placed,
        rejections: result.rejections,
        cluster: prepared.cluster.clusterName,
      }
    },
    placementLock(scope, launch.cluster),
  )
  // A repeated clientToken: the original answer, and nothing new to deliver.
  if ('replayed' in outcome) return outcome.replayed
  const { records, rejections, cluster } = outcome
  for (const { record, taskJson } of records)
    runtime.events.emit({ scope, cluster, change: 'created', record, taskJson })
  return launchAnswer(records, failuresOf(rejections))
}

/**
 * Places on instances read in `tx`: a random window of the cluster first when the strategies are
 * only random (spread and binpack rank every instance); only a shortfall there reads every
 * instance, so that the failures name each with its reason.
 */
async function readAndPlace(
  tx: Transaction,
  scope: Scope,
  prepared: PreparedLaunch,
  retentionMs: number,
): Promise<{ result: PlacementResult; byId: Map<string, ContainerInstanceDocument> }> {
  const count = prepared.request.count
  const cluster = prepared.cluster.clusterName
  const everyInstance = async () =>
    (
      await tx.list<ContainerInstanceDocument>(scope, 'container-instance', { parent: cluster })
    ).filter(d => d.body.status !== 'INACTIVE')
  const window = ranksWholeCluster(prepared.request)
    ? undefined
    : await sampleInstances(tx, scope, cluster, count + SPARE)
  let docs = window?.docs ?? (await everyInstance())
  let result = place(
    await snapshotInstances(tx, scope, prepared, docs, retentionMs),
    prepared.request,
  )
  if (window && result.placements.length < count && !window.complete) {
    docs = await everyInstance()
    result = place(
      await snapshotInstances(tx, scope, prepared, docs, retentionMs),
      prepared.request,
    )
  }
  if (docs.length === 0)
    throw errors.invalidParameter('No Container Instances were found in your cluster.')
  return { result, byId: new Map(docs.map(d => [d.id, d.body])) }
}
