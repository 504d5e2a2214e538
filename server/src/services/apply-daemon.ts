/**
 * One pass of the service scheduler over one DAEMON service, in the caller's store transaction:
 * read the cluster's instances and the service's tasks, judge each instance with placement's own
 * checkers (required attributes and the service's constraints; ../scheduler/feasibility.ts),
 * decide (./daemon.ts), stop what must stop (stopCode ServiceSchedulerInitiated), and place one
 * task of the PRIMARY deployment on each instance that needs one through RunTask's launch path
 * (../tasks/launch.ts: one placement over that instance alone, then the same reservations as
 * RunTask, so the loop and RunTask never over-commit an instance). The service's desiredCount
 * and its deployments' follow the eligible instances; events are ECS's wording.
 */
import { randomUUID } from 'node:crypto'
import {
  agentConnectedNow,
  type ContainerInstanceDocument,
} from '../resources/container-instances.js'
import { isServiceError } from '../errors.js'
import { saveService, type ServiceDocument, type StoredDeployment } from '../resources/services.js'
import { idOfTask, type TaskRecord } from '../resources/tasks.js'
import { place, type Rejection } from '../scheduler/index.js'
import {
  attributeChecker,
  constraintChecker,
  type CandidateState,
} from '../scheduler/feasibility.js'
import type { InstanceSnapshot } from '../scheduler/types.js'
import type { Transaction } from '../store/index.js'
import {
  commitPlacements,
  prepareLaunch,
  snapshotInstances,
  type PlacedTask,
  type PreparedLaunch,
} from '../tasks/launch.js'
import { stopServiceTasks } from './stop-service-tasks.js'
import type { LaunchGate, PassOutcome, ServiceTarget } from './apply-service.js'
import { decideDaemon, settleDeployments, type DaemonInstanceView } from './daemon.js'
import { failedStarts } from './launch-backoff.js'
import type { ServiceTaskView } from './scale-in.js'
import {
  addEvent,
  completedMessage,
  startedMessage,
  steadyMessage,
  stoppedMessage,
  throttledMessage,
  unplacedMessage,
} from './service-events.js'

const view = (record: TaskRecord): ServiceTaskView => ({
  id: idOfTask(record.task),
  instanceId: record.instanceId,
  availabilityZone: record.task.availabilityZone,
  lastStatus: record.task.lastStatus,
  desiredStatus: record.task.desiredStatus,
  deployment: record.task.startedBy,
  createdAt: record.task.createdAt,
})

/**
 * Whether the instance meets the task definition's required attributes and the service's
 * constraints, judged as placement judges them, apart from the service's own task there (a
 * `distinctInstance` constraint must not exclude the instance its daemon task runs on).
 */
function matches(snapshot: InstanceSnapshot, prepared: PreparedLaunch): boolean {
  const candidate: CandidateState = {
    snapshot,
    remaining: snapshot.instance.remainingResources,
    taskGroups: snapshot.taskGroups.filter(g => g !== prepared.request.group),
  }
  return (
    attributeChecker(candidate, prepared.request) === undefined &&
    constraintChecker(candidate, prepared.request) === undefined
  )
}

/**
 * The launch of one task of `primary` (RunTask's checks and placement request; a revision
 * deregistered since still launches, as ECS lets a service scale on it), or undefined when it
 * cannot launch at all (e.g. the revision was deleted): the service's tasks keep running and still
 * stop where they must.
 */
async function prepareDaemon(
  tx: Transaction,
  { scope, cluster, name }: ServiceTarget,
  service: ServiceDocument,
  primary: StoredDeployment,
): Promise<PreparedLaunch | undefined> {
  try {
    return await prepareLaunch(tx, scope, {
      cluster,
      taskDefinition: primary.taskDefinition,
      count: 1,
      overrides: undefined,
      group: `service:${name}`,
      startedBy: primary.id,
      tags: [],
      launchType: service.launchType,
      constraints: service.placementConstraints,
      forService: true,
      strategies: [],
    })
  } catch (error) {
    if (isServiceError(error)) return undefined
    throw error
  }
}

/** Runs one pass for the DAEMON `service` (read by the caller in `tx`). */
export async function applyDaemon(
  tx: Transaction,
  target: ServiceTarget,
  service: ServiceDocument,
  gate: LaunchGate,
  retentionMs: number,
): Promise<PassOutcome> {
  const { scope, cluster, name } = target
  const group = `service:${name}`
  const all = (await tx.list<TaskRecord>(scope, 'task', { parent: cluster }))
    .map(d => d.body)
    .filter(r => r.task.group === group)
  const tasks = all.filter(r => r.task.lastStatus !== 'STOPPED')
  if (service.status !== 'ACTIVE' && tasks.length === 0) {
    service.status = 'INACTIVE'
    await saveService(tx, scope, cluster, service)
    return { live: false, started: [], stopped: [] }
  }
  const primary =
    service.status === 'ACTIVE' ? service.deployments.find(d => d.status === 'PRIMARY') : undefined
  const docs = (
    await tx.list<ContainerInstanceDocument>(scope, 'container-instance', { parent: cluster })
  ).filter(d => d.body.status !== 'INACTIVE')
  const prepared = primary && (await prepareDaemon(tx, target, service, primary))
  const snapshots = prepared ? await snapshotInstances(tx, scope, prepared, docs, retentionMs) : []
  // Without a launch (a DRAINING service, or a task definition that cannot launch) nothing
  // starts, and only the instances' state decides which tasks stop.
  const instances: DaemonInstanceView[] = prepared
    ? snapshots.map(s => ({
        id: s.id,
        status: s.instance.status,
        connected: agentConnectedNow(s.instance),
        matches: matches(s, prepared),
      }))
    : docs.map(d => ({
        id: d.id,
        status: d.body.status,
        connected: agentConnectedNow(d.body),
        matches: true,
      }))
  const decision = decideDaemon({
    instances,
    tasks: tasks.map(view),
    primaryDeployment: primary?.id,
    active: service.status === 'ACTIVE',
    minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent ?? 0,
  })

  const now = Date.now() / 1000
  let events = service.events
  const event = (message: string) => {
    events = addEvent(events, message, now, randomUUID())
  }
  const reason = `Scaling activity initiated by (deployment ${primary?.id ?? service.serviceName})`
  const stopped = await stopServiceTasks(
    tx,
    { scope, cluster },
    tasks,
    decision.stop.map(s => s.id),
    () => reason,
    now,
  )
  if (stopped.length > 0)
    event(
      stoppedMessage(
        name,
        stopped.map(r => r.task.taskArn),
      ),
    )

  const throttled = decision.start.length > 0 && primary !== undefined && gate.throttled(primary.id)
  const allowed = throttled ? 0 : Math.max(0, gate.launchesPerMinute - gate.launchedLastMinute)
  const wanted = decision.start.slice(0, allowed)
  const placedOn: string[] = []
  const rejections: Rejection[] = []
  const byId = new Map(snapshots.map(s => [s.id, s]))
  if (prepared)
    for (const id of wanted) {
      const snapshot = byId.get(id)
      /* c8 ignore next */
      if (!snapshot) continue
      const result = place([snapshot], prepared.request)
      if (result.placements.length > 0) placedOn.push(id)
      else rejections.push(...result.rejections)
    }
  const started: PlacedTask[] = prepared
    ? await commitPlacements(tx, scope, prepared, placedOn, new Map(docs.map(d => [d.id, d.body])))
    : []
  if (started.length > 0)
    event(
      startedMessage(
        name,
        started.map(p => p.record.task.taskArn),
      ),
    )
  // One event for the first instance (by id) that could not take its task: a message per
  // instance would alternate and defeat the suppression of repeats.
  if (rejections.length > 0) event(unplacedMessage(name, rejections.slice(0, 1)))
  if (throttled) event(throttledMessage(name))

  const steady = decision.steady
  const outcomes = all.map(r => ({
    deployment: r.task.startedBy,
    lastStatus: r.task.lastStatus,
    startedAt: r.task.startedAt,
    stoppedAt: r.task.stoppedAt,
    stopCode: r.task.stopCode,
  }))
  // stopTask changed the records in place: the views now read this pass's stops.
  const settled = settleDeployments(
    service.deployments,
    tasks.map(view),
    decision.eligible,
    steady,
    now,
    deployment => failedStarts(outcomes, deployment)?.failures ?? 0,
  )
  if (settled.completed && primary) event(completedMessage(name, primary.id))
  if (steady) event(steadyMessage(name))
  const changed =
    events !== service.events ||
    service.desiredCount !== decision.eligible ||
    settled.deployments.length !== service.deployments.length ||
    settled.deployments.some((d, i) => d !== service.deployments[i])
  if (changed) {
    service.events = events
    service.desiredCount = decision.eligible
    service.deployments = settled.deployments
    await saveService(tx, scope, cluster, service)
  }
  return {
    live: true,
    started,
    stopped,
    decision: {
      start: wanted.length,
      stop: decision.stop.map(s => s.id),
      failedHealth: [],
      deadlocked: false,
      paced: !throttled && wanted.length < decision.start.length,
      throttled,
      steady,
    },
    primaryDeployment: primary?.id,
  }
}
