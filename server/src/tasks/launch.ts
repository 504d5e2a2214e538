/**
 * The transactional half of RunTask and StartTask: resolve the cluster and task definition, build
 * the placement request, and persist placements (task documents plus the reservations on their
 * instances) in the caller's transaction, so that concurrent launches never over-commit.
 */
import { clusterName, newTaskId } from '../arn.js'
import { errors } from '../errors.js'
import { serialised } from '../json-text.js'
import type {
  Failure,
  LaunchType,
  PlacementConstraint,
  PlacementStrategy,
  RunTaskResponse,
  Tag,
  TaskOverride,
} from '@quayside/openapi/types'
import { activeCluster, type ClusterDocument } from '../resources/clusters.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { addReservation, books, reservedOf } from '../resources/remaining.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import { expired, saveTask, type TaskRecord } from '../resources/tasks.js'
import {
  needsTaskGroups,
  parseConstraints,
  parseStrategies,
  type InstanceSnapshot,
  type PlacementRequest,
} from '../scheduler/index.js'
import type { Scope, Transaction, TransactionOptions } from '../store/index.js'
import { taskResources, type NormalizedTaskDefinition } from '../task-definitions/index.js'
import { applyOverrides, newTask } from './new-task.js'

/** What RunTask and StartTask have in common. */
export interface LaunchInput {
  readonly cluster: string | undefined
  readonly taskDefinition: string
  readonly count: number
  readonly overrides: TaskOverride | undefined
  readonly group: string | undefined
  readonly startedBy: string | undefined
  readonly tags: Tag[]
  readonly launchType: LaunchType | undefined
  readonly constraints: readonly PlacementConstraint[]
  readonly strategies: readonly PlacementStrategy[]
  /**
   * True for the service scheduler: a service keeps scaling on a revision deregistered since
   * (INACTIVE), as ECS lets it; RunTask and StartTask refuse one.
   */
  readonly forService?: boolean | undefined
}

/** A launch resolved against the store: the cluster, the definition and the request. */
export interface PreparedLaunch {
  readonly cluster: ClusterDocument
  readonly taskDefinitionArn: string
  readonly definition: NormalizedTaskDefinition
  readonly request: PlacementRequest
  readonly input: LaunchInput
}

/**
 * The store lock placements into one cluster take (RunTask, StartTask, the service scheduler, on
 * any replica), so they take turns: none over-commits an instance or fails the others'
 * serialization.
 */
export const placementLock = (scope: Scope, cluster: string | undefined): TransactionOptions => ({
  lock: `placement/${scope.account}/${scope.region}/${clusterName(scope, cluster)}`,
})

/** Resolves cluster and task definition and builds the placement request; throws ECS errors. */
export async function prepareLaunch(
  tx: Transaction,
  scope: Scope,
  input: LaunchInput,
): Promise<PreparedLaunch> {
  const cluster = await activeCluster(tx, scope, input.cluster)
  const found = await findTaskDefinition(tx, scope, input.taskDefinition)
  if (!found) throw errors.client('Unable to describe task definition.')
  const status = found.taskDefinition.status
  if (status !== 'ACTIVE' && !(input.forService === true && status === 'INACTIVE'))
    throw errors.client(`TaskDefinition is inactive: ${found.taskDefinition.taskDefinitionArn}`)
  const stored = found.taskDefinition
  const definition = applyOverrides(stored, input.overrides ?? {})
  const constraints = parseConstraints([
    ...(stored.placementConstraints ?? []),
    ...input.constraints,
  ])
  return {
    cluster,
    taskDefinitionArn: found.taskDefinition.taskDefinitionArn,
    definition,
    input,
    request: {
      count: input.count,
      resources: taskResources(definition),
      group: input.group ?? `family:${stored.family}`,
      requiresAttributes: stored.requiresAttributes,
      constraints,
      strategies: parseStrategies(input.strategies),
    },
  }
}

/**
 * Snapshots of the given instances. Task groups are read only when a stage needs them
 * (they cost a scan of the cluster's tasks); expired tasks met on the way are deleted.
 */
export async function snapshotInstances(
  tx: Transaction,
  scope: Scope,
  prepared: PreparedLaunch,
  instances: readonly { id: string; body: ContainerInstanceDocument }[],
  retentionMs: number,
): Promise<InstanceSnapshot[]> {
  const groups = new Map<string, string[]>()
  if (needsTaskGroups(prepared.request)) {
    const now = Date.now()
    const tasks = await tx.list<TaskRecord>(scope, 'task', {
      parent: prepared.cluster.clusterName,
    })
    for (const doc of tasks) {
      if (expired(doc.body, retentionMs, now)) {
        await tx.delete(scope, 'task', doc.id)
        continue
      }
      if (doc.body.task.lastStatus === 'STOPPED') continue
      const list = groups.get(doc.body.instanceId) ?? []
      list.push(doc.body.task.group)
      groups.set(doc.body.instanceId, list)
    }
  }
  return instances.map(d => ({ id: d.id, instance: d.body, taskGroups: groups.get(d.id) ?? [] }))
}

/**
 * A random window of the cluster's live instances: up to `size` ids after a random point, wrapping
 * around (ids are random hex, so the window starts anywhere with near-equal odds). `complete`
 * tells whether the window holds every instance. A window is the stack's source when it suffices,
 * as nomad limits the nodes it ranks: reading and parsing a whole large cluster on every RunTask
 * would cost more than the placement itself.
 */
export async function sampleInstances(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  size: number,
): Promise<{ docs: { id: string; body: ContainerInstanceDocument }[]; complete: boolean }> {
  // Only a starting point, compared with ids by prefix: eight random hex digits suffice.
  const start = Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')
  const tail = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
    parent: cluster,
    after: start,
    limit: size,
  })
  const head =
    tail.length < size
      ? await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
          parent: cluster,
          before: start,
          limit: size - tail.length,
        })
      : []
  const docs = [...tail, ...head]
  return {
    docs: docs.filter(d => d.body.status !== 'INACTIVE'),
    complete: docs.length < size,
  }
}

/** A task just placed, with its wire task serialised once for the store, the answer and the agent. */
export interface PlacedTask {
  readonly record: TaskRecord
  readonly taskJson: string
}

/**
 * Creates the placed tasks and applies their reservations; returns the new tasks. `changed`, when
 * given, receives the instance documents written (for the caller's copy of the cluster).
 */
export async function commitPlacements(
  tx: Transaction,
  scope: Scope,
  prepared: PreparedLaunch,
  instanceIds: readonly string[],
  instances: ReadonlyMap<string, ContainerInstanceDocument>,
  changed = new Map<string, ContainerInstanceDocument>(),
): Promise<PlacedTask[]> {
  const records: PlacedTask[] = []
  const now = Date.now() / 1000
  for (const instanceId of instanceIds) {
    const instance = changed.get(instanceId) ?? instances.get(instanceId)
    /* c8 ignore next */
    if (!instance) throw errors.server()
    const updated: ContainerInstanceDocument = {
      ...instance,
      ...books(
        instance.registeredResources,
        addReservation(reservedOf(instance), prepared.request.resources),
      ),
      pendingTasksCount: instance.pendingTasksCount + 1,
      version: instance.version + 1,
    }
    changed.set(instanceId, updated)
    const record = newTask({
      scope,
      cluster: prepared.cluster.clusterName,
      clusterArn: prepared.cluster.clusterArn,
      taskDefinitionArn: prepared.taskDefinitionArn,
      definition: prepared.definition,
      resources: prepared.request.resources,
      instanceId,
      containerInstanceArn: instance.containerInstanceArn,
      availabilityZone: instance.attributes.find(a => a.name === 'ecs.availability-zone')?.value,
      overrides: prepared.input.overrides ?? {
        containerOverrides: [],
        inferenceAcceleratorOverrides: [],
      },
      group: prepared.request.group,
      startedBy: prepared.input.startedBy,
      launchType: prepared.input.launchType ?? 'EC2',
      tags: prepared.input.tags,
      now,
      id: newTaskId(),
    })
    const taskJson = JSON.stringify(record.task)
    await saveTask(tx, scope, prepared.cluster.clusterName, record, taskJson)
    records.push({ record, taskJson })
  }
  for (const [id, instance] of changed)
    await tx.put(scope, 'container-instance', id, prepared.cluster.clusterName, instance)
  return records
}

const DETAILS: Record<string, string> = {
  'RESOURCE:CPU': 'The container instance has insufficient CPU units available for the task.',
  'RESOURCE:MEMORY': 'The container instance has insufficient memory available for the task.',
  'RESOURCE:PORTS': 'The container instance is already using a TCP host port the task needs.',
  'RESOURCE:PORTS_UDP': 'The container instance is already using a UDP host port the task needs.',
  AGENT: 'The container agent of the instance is not connected.',
  ATTRIBUTE: 'The container instance lacks an attribute the task definition requires.',
  MISSING: 'The container instance was not found in this cluster.',
  INACTIVE: 'The container instance is not ACTIVE.',
}

/**
 * RunTask's and StartTask's answer (their responses have the same members), sent with the new
 * tasks' JSON reused as it is.
 */
export function launchAnswer(
  placed: readonly PlacedTask[],
  failures: readonly Failure[],
): RunTaskResponse {
  const tasks = placed.map(p => p.taskJson).join(',')
  return serialised(
    { tasks: placed.map(p => p.record.task), failures: [...failures] },
    `{"tasks":[${tasks}],"failures":${JSON.stringify(failures)}}`,
  )
}

/** The wire `failures` of rejected instances, each with a readable detail. */
export function failuresOf(
  rejections: readonly Required<Pick<Failure, 'arn' | 'reason'>>[],
): Required<Failure>[] {
  return rejections.map(r => ({
    arn: r.arn,
    reason: r.reason,
    detail: DETAILS[r.reason] ?? 'The placement constraint excludes the container instance.',
  }))
}
