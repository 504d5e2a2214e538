/**
 * RunTask (EC2/EXTERNAL): places `count` (1-10) tasks on ACTIVE instances with a connected agent
 * through the scheduler's placement function, reserving resources in the same transaction;
 * what does not fit comes back as `failures` with ECS's reasons. An empty cluster is an
 * InvalidParameterException, as in ECS.
 */
import { errors } from '../errors.js'
import type { Tag } from '../resources/clusters.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { checkTags, mergeTags } from '../resources/tags.js'
import { place } from '../scheduler/index.js'
import type { WireConstraint, WireStrategy } from '../scheduler/placement-strategy.js'
import {
  commitPlacements,
  failuresOf,
  launchAnswer,
  prepareLaunch,
  sampleInstances,
  snapshotInstances,
  type LaunchInput,
} from '../tasks/launch.js'
import type { OperationHandler, OperationInput } from './context.js'
import { num, object, objects, str } from './input.js'

/**
 * Instances read before the whole cluster is (see sampleInstances): SPARE more than the tasks to
 * place, so that the random choice always has several candidates. Schedulers that rank nodes
 * bound their candidates the same way (nomad ranks a few nodes, not the whole cluster).
 */
const SPARE = 2

/** The members RunTask and StartTask share, read from the input. */
export function launchInput(input: OperationInput, count: number): LaunchInput {
  const tags = objects<Tag>(input, 'tags') ?? []
  checkTags(tags)
  const startedBy = str(input, 'startedBy')
  if (startedBy !== undefined && startedBy.length > 128)
    throw errors.invalidParameter('startedBy can be at most 128 characters long.')
  const group = str(input, 'group')
  if (group !== undefined && group.length > 255)
    throw errors.invalidParameter('group can be at most 255 characters long.')
  const overrides = object(input, 'overrides')
  if (overrides && JSON.stringify(overrides).length > 8192)
    throw errors.invalidParameter('overrides can be at most 8192 characters long.')
  return {
    cluster: str(input, 'cluster'),
    taskDefinition: str(input, 'taskDefinition') ?? '',
    count,
    overrides,
    group,
    startedBy,
    tags: mergeTags([], tags),
    launchType: str(input, 'launchType'),
    constraints: objects<WireConstraint>(input, 'placementConstraints') ?? [],
    strategies: objects<WireStrategy>(input, 'placementStrategy') ?? [],
  }
}

export const runTask: OperationHandler = async (input, { store, scope, runtime }) => {
  const count = num(input, 'count') ?? 1
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw errors.invalidParameter('count must be between 1 and 10.')
  const launchType = str(input, 'launchType')
  if (launchType === 'FARGATE' || object(input, 'capacityProviderStrategy') !== undefined)
    throw errors.invalidParameter(
      'Only the EC2 and EXTERNAL launch types are available on this server.',
    )
  const launch = launchInput(input, count)
  const { records, rejections, cluster } = await store.transaction(async tx => {
    const prepared = await prepareLaunch(tx, scope, launch)
    // Try a random window of the cluster first; only a failure there reads every instance,
    // so that the failures name each instance with its reason.
    const window = await sampleInstances(tx, scope, prepared.cluster.clusterName, count + SPARE)
    let docs = window.docs
    let result = place(
      await snapshotInstances(tx, scope, prepared, docs, runtime.stoppedTaskRetentionMs),
      prepared.request,
    )
    if (result.placements.length < count && !window.complete) {
      docs = (
        await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
          parent: prepared.cluster.clusterName,
        })
      ).filter(d => d.body.status !== 'INACTIVE')
      result = place(
        await snapshotInstances(tx, scope, prepared, docs, runtime.stoppedTaskRetentionMs),
        prepared.request,
      )
    }
    if (docs.length === 0)
      throw errors.invalidParameter('No Container Instances were found in your cluster.')
    const byId = new Map(docs.map(d => [d.id, d.body]))
    const placed = await commitPlacements(
      tx,
      scope,
      prepared,
      result.placements.map(p => p.instanceId),
      byId,
    )
    return {
      records: placed,
      rejections: result.rejections,
      cluster: prepared.cluster.clusterName,
    }
  })
  for (const { record, taskJson } of records)
    runtime.events.emit({ scope, cluster, change: 'created', record, taskJson })
  return launchAnswer(records, failuresOf(rejections))
}
