/**
 * One pass of the service scheduler over one service, in one store transaction: read the service
 * and its tasks, decide (./reconcile.ts), stop the surplus (stopCode ServiceSchedulerInitiated),
 * place the shortfall (unless the PRIMARY deployment's launch back-off runs: ./launch-backoff.ts)
 * through RunTask's launch path (../tasks/launch.ts: the same reservations, so
 * the loop and RunTask never over-commit an instance), and record the service's events. Counts
 * (`runningCount`, `pendingCount`, per deployment) are derived from the tasks when a service is
 * rendered, so they follow the tasks written here.
 */
import { randomUUID } from 'node:crypto'
import type { PlacementStrategy, Resource } from '@quayside/openapi/types'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import {
  saveService,
  serviceKey,
  serviceTasks,
  type ServiceDocument,
} from '../resources/services.js'
import { idOfTask, type TaskRecord } from '../resources/tasks.js'
import { place, REPLICA_SERVICE_STRATEGIES, type Rejection } from '../scheduler/index.js'
import type { Scope, Transaction } from '../store/index.js'
import {
  commitPlacements,
  prepareLaunch,
  snapshotInstances,
  type PlacedTask,
} from '../tasks/launch.js'
import { stopServiceTasks } from './stop-service-tasks.js'
import { applyDaemon } from './apply-daemon.js'
import { schedulerHealth } from './health.js'
import { reconcile, type ReconcileDecision, type ReconcileTask } from './reconcile.js'
import {
  addEvent,
  deadlockMessage,
  startedMessage,
  steadyMessage,
  stoppedMessage,
  throttledMessage,
  unhealthyMessage,
  unplacedMessage,
} from './service-events.js'

/** Which service, and the pace it may launch at now. */
export interface ServiceTarget {
  readonly scope: Scope
  readonly cluster: string
  readonly name: string
}

/** What a pass did, for the loop to emit (after commit) and to count launches. */
export interface PassOutcome {
  /** False when the service is gone or INACTIVE (the loop forgets it). */
  readonly live: boolean
  readonly started: readonly PlacedTask[]
  readonly stopped: readonly TaskRecord[]
  readonly decision?: ReconcileDecision | undefined
  /** The PRIMARY deployment's id, when there is one. */
  readonly primaryDeployment?: string | undefined
}

/** The launch pace and back-off a pass obeys. */
export interface LaunchGate {
  readonly launchedLastMinute: number
  readonly launchesPerMinute: number
  /** Whether the deployment's launch back-off runs now. */
  readonly throttled: (deployment: string) => boolean
}

const amount = (resources: readonly Resource[], name: string) =>
  resources.find(r => r.name === name)?.integerValue ?? 0

/** The stopped reason of a task that failed its health checks (ECS's words). */
const UNHEALTHY_REASON = 'Task failed container health checks'

function view(
  record: TaskRecord,
  instances: ReadonlyMap<string, ContainerInstanceDocument>,
  gracePeriodSeconds: number,
  now: number,
) {
  const instance = instances.get(record.instanceId)
  const out: ReconcileTask = {
    id: idOfTask(record.task),
    instanceId: record.instanceId,
    availabilityZone: record.task.availabilityZone,
    lastStatus: record.task.lastStatus,
    desiredStatus: record.task.desiredStatus,
    deployment: record.task.startedBy,
    createdAt: record.task.createdAt,
    instanceRemaining: instance && {
      cpu: amount(instance.remainingResources, 'CPU'),
      memory: amount(instance.remainingResources, 'MEMORY'),
    },
    holds: record.reserved
      ? { cpu: record.reserved.cpu, memory: record.reserved.memory }
      : undefined,
    health: schedulerHealth({
      lastStatus: record.task.lastStatus,
      startedAt: record.task.startedAt,
      healthStatus: record.task.healthStatus,
      healthChecked: (record.healthChecked ?? []).length > 0,
      gracePeriodSeconds,
      now,
    }),
    draining: instance?.status === 'DRAINING',
  }
  return out
}

/** The strategies a service places with: its own, or the REPLICA default. */
function strategiesOf(service: ServiceDocument): PlacementStrategy[] {
  return service.placementStrategy.length > 0
    ? service.placementStrategy
    : REPLICA_SERVICE_STRATEGIES.map(s =>
        s.field === undefined ? { type: s.type } : { type: s.type, field: s.field },
      )
}

/**
 * Runs one pass for `target` in `tx`; `gate` (pace and back-off) bounds the starts; `nowMs` is
 * the time tasks' health is judged at (the loop's clock).
 */
export async function applyService(
  tx: Transaction,
  target: ServiceTarget,
  gate: LaunchGate,
  retentionMs: number,
  nowMs: number = Date.now(),
): Promise<PassOutcome> {
  const { scope, cluster, name } = target
  const doc = await tx.get<ServiceDocument>(scope, 'service', serviceKey(cluster, name))
  const service = doc?.body
  if (service?.schedulingStrategy === 'DAEMON' && service.status !== 'INACTIVE')
    return applyDaemon(tx, target, service, gate, retentionMs)
  if (!service || service.status === 'INACTIVE' || service.schedulingStrategy !== 'REPLICA')
    return { live: false, started: [], stopped: [] }
  const tasks = await serviceTasks(tx, scope, cluster, name)
  if (service.status === 'DRAINING' && tasks.length === 0) {
    service.status = 'INACTIVE'
    await saveService(tx, scope, cluster, service)
    return { live: false, started: [], stopped: [] }
  }
  const primary = service.deployments.find(d => d.status === 'PRIMARY')
  // Read for DRAINING instances and binpack's scale-in.
  const instanceDocs = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
    parent: cluster,
  })
  const instances = new Map(instanceDocs.map(d => [d.id, d.body]))
  const grace = service.healthCheckGracePeriodSeconds ?? 0
  const decision = reconcile({
    desiredCount: service.status === 'ACTIVE' && primary ? service.desiredCount : 0,
    tasks: tasks.map(r => view(r, instances, grace, nowMs / 1000)),
    minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent ?? 100,
    maximumPercent: service.deploymentConfiguration.maximumPercent ?? 200,
    primaryDeployment: primary?.id,
    strategies: service.placementStrategy,
    launchedLastMinute: gate.launchedLastMinute,
    launchesPerMinute: gate.launchesPerMinute,
    throttled: primary !== undefined && gate.throttled(primary.id),
  })
  const now = Date.now() / 1000
  let events = service.events
  const event = (message: string) => {
    events = addEvent(events, message, now, randomUUID())
  }
  const reason = `Scaling activity initiated by (deployment ${primary?.id ?? service.serviceName})`
  const unhealthy = new Set(decision.failedHealth)
  const stopped = await stopServiceTasks(
    tx,
    { scope, cluster },
    tasks,
    decision.stop,
    id => (unhealthy.has(id) ? UNHEALTHY_REASON : reason),
    now,
  )
  for (const record of stopped)
    if (unhealthy.has(idOfTask(record.task))) event(unhealthyMessage(name, record.task.taskArn))
  if (stopped.length > 0)
    event(
      stoppedMessage(
        name,
        stopped.map(r => r.task.taskArn),
      ),
    )
  let started: PlacedTask[] = []
  if (decision.start > 0 && primary) {
    const placed = await startTasks(
      tx,
      service,
      primary.id,
      primary.taskDefinition,
      decision.start,
      target,
      retentionMs,
    )
    started = placed.started
    if (started.length > 0)
      event(
        startedMessage(
          name,
          started.map(p => p.record.task.taskArn),
        ),
      )
    if (started.length < decision.start) event(unplacedMessage(name, placed.rejections))
  }
  if (decision.deadlocked) event(deadlockMessage(name))
  if (decision.throttled) event(throttledMessage(name))
  if (decision.steady) event(steadyMessage(name))
  if (events !== service.events) {
    service.events = events
    await saveService(tx, scope, cluster, service)
  }
  return { live: true, started, stopped, decision, primaryDeployment: primary?.id }
}

/** Places and writes `count` tasks of the PRIMARY deployment. */
async function startTasks(
  tx: Transaction,
  service: ServiceDocument,
  deployment: string,
  taskDefinition: string,
  count: number,
  { scope, cluster, name }: ServiceTarget,
  retentionMs: number,
): Promise<{ started: PlacedTask[]; rejections: readonly Rejection[] }> {
  const prepared = await prepareLaunch(tx, scope, {
    cluster,
    taskDefinition,
    count,
    overrides: undefined,
    group: `service:${name}`,
    startedBy: deployment,
    tags: [],
    launchType: service.launchType,
    constraints: service.placementConstraints,
    forService: true,
    strategies: strategiesOf(service),
  })
  const docs = (
    await tx.list<ContainerInstanceDocument>(scope, 'container-instance', { parent: cluster })
  ).filter(d => d.body.status !== 'INACTIVE')
  const result = place(
    await snapshotInstances(tx, scope, prepared, docs, retentionMs),
    prepared.request,
  )
  const started = await commitPlacements(
    tx,
    scope,
    prepared,
    result.placements.map(p => p.instanceId),
    new Map(docs.map(d => [d.id, d.body])),
  )
  return { started, rejections: result.rejections }
}
