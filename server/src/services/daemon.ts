/**
 * The service scheduler's decision for one DAEMON service, as a pure function of the cluster's
 * instances and the service's tasks (ECS-NOTES section 5): exactly one task of the PRIMARY
 * deployment on every eligible instance, where eligible means ACTIVE, agent connected, and meeting
 * the task definition's requirements and the service's placement constraints. Tasks on an
 * instance that is DRAINING, deregistered or no longer matching stop; a second task on one
 * instance stops; a task of an older deployment is replaced (stopped first, the new one started
 * once it has stopped, as DAEMON's maximumPercent of 100 requires) while the RUNNING tasks stay at
 * or above minimumHealthyPercent of the eligible instances. A task on an instance whose agent is
 * away is left alone: it cannot be told, and it counts again when the agent is back.
 */
import type { StoredDeployment } from '../resources/services.js'
import type { ServiceTaskView } from './scale-in.js'

/** An instance of the cluster as the DAEMON rule reads it. */
export interface DaemonInstanceView {
  readonly id: string
  readonly status: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
  readonly connected: boolean
  /** Meets the task definition's required attributes and the service's constraints. */
  readonly matches: boolean
}

/** What {@link decideDaemon} reads. */
export interface DaemonInput {
  readonly instances: readonly DaemonInstanceView[]
  /** The service's tasks that have not stopped (desired STOPPED ones included). */
  readonly tasks: readonly ServiceTaskView[]
  /** The PRIMARY deployment's id; none (or a service that is not ACTIVE) stops every task. */
  readonly primaryDeployment: string | undefined
  /** False for a DRAINING service: its tasks stop and none start. */
  readonly active: boolean
  /** The service's minimumHealthyPercent (DAEMON's default is 0). */
  readonly minimumHealthyPercent: number
}

/** Why a task stops. */
export type DaemonStopCause = 'ineligible' | 'duplicate' | 'replaced' | 'service'

/** What to do now. */
export interface DaemonDecision {
  /** Instances that get a task of the PRIMARY deployment, by id. */
  readonly start: readonly string[]
  /** Tasks to stop, with why. */
  readonly stop: readonly { readonly id: string; readonly cause: DaemonStopCause }[]
  /** How many instances are eligible: the service's desiredCount. */
  readonly eligible: number
  /** True when every eligible instance runs one RUNNING task of the PRIMARY deployment and nothing else runs. */
  readonly steady: boolean
}

/** Which of an instance's tasks to keep first: RUNNING, then the oldest, then by id. */
const keepOrder = (a: ServiceTaskView, b: ServiceTaskView) =>
  Number(b.lastStatus === 'RUNNING') - Number(a.lastStatus === 'RUNNING') ||
  a.createdAt - b.createdAt ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function decideDaemon(input: DaemonInput): DaemonDecision {
  const primary = input.active ? input.primaryDeployment : undefined
  const counted = input.tasks.filter(t => t.desiredStatus === 'RUNNING')
  if (primary === undefined)
    return {
      start: [],
      stop: counted.map(t => ({ id: t.id, cause: 'service' as const })),
      eligible: 0,
      steady: counted.length === 0,
    }
  const byId = new Map(input.instances.map(i => [i.id, i]))
  const stop: { id: string; cause: DaemonStopCause }[] = []
  /** Per instance that may keep a task: the one kept. */
  const kept = new Map<string, ServiceTaskView>()
  const grouped = new Map<string, ServiceTaskView[]>()
  for (const task of counted) {
    const instance = byId.get(task.instanceId)
    if (instance?.status !== 'ACTIVE' || !instance.matches) {
      stop.push({ id: task.id, cause: 'ineligible' })
      continue
    }
    const list = grouped.get(task.instanceId) ?? []
    list.push(task)
    grouped.set(task.instanceId, list)
  }
  for (const [instanceId, tasks] of grouped) {
    const ofPrimary = tasks.filter(t => t.deployment === primary).sort(keepOrder)
    const [keep] = ofPrimary.length > 0 ? ofPrimary : [...tasks].sort(keepOrder)
    /* c8 ignore next */
    if (!keep) continue
    kept.set(instanceId, keep)
    for (const task of tasks)
      if (task !== keep)
        stop.push({ id: task.id, cause: task.deployment === primary ? 'duplicate' : 'replaced' })
  }
  const eligible = input.instances.filter(i => i.status === 'ACTIVE' && i.connected && i.matches)
  // Older deployments' tasks are replaced while enough RUNNING tasks remain.
  const floor = Math.ceil((eligible.length * input.minimumHealthyPercent) / 100)
  let running = [...kept.values()].filter(t => t.lastStatus === 'RUNNING').length
  const outdated = [...kept.entries()]
    .filter(([, task]) => task.deployment !== primary)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [instanceId, task] of outdated) {
    const wasRunning = task.lastStatus === 'RUNNING'
    if (wasRunning && running - 1 < floor) continue
    if (wasRunning) running -= 1
    stop.push({ id: task.id, cause: 'replaced' })
    kept.delete(instanceId)
  }
  // One task per instance at any time: an instance still holding a task of the service (kept,
  // or stopping) gets its new one once that task has stopped.
  const occupied = new Set(input.tasks.map(t => t.instanceId))
  const start = eligible
    .filter(i => !occupied.has(i.id))
    .map(i => i.id)
    .sort()
  const steady =
    start.length === 0 &&
    stop.length === 0 &&
    kept.size === eligible.length &&
    eligible.every(i => kept.has(i.id)) &&
    [...kept.values()].every(t => t.lastStatus === 'RUNNING' && t.deployment === primary)
  return { start, stop, eligible: eligible.length, steady }
}

/** The deployments after a pass, and whether the PRIMARY one completed in it. */
export interface SettledDeployments {
  readonly deployments: StoredDeployment[]
  readonly completed: boolean
}

/**
 * A DAEMON service's deployments after a pass, as ECS keeps them (ECS-NOTES section 5): the
 * PRIMARY one wants a task on every eligible instance; an older one wants the tasks it still
 * runs and leaves the list (INACTIVE) once none of its tasks is left; the PRIMARY one's rollout
 * is COMPLETED when it is alone and the service steady; each one's `failedTasks` is what
 * `failed` counts for it (its consecutive failed starts, ./launch-backoff.ts). `tasks` are the
 * service's tasks that have not stopped, with this pass's stops applied; `now` is in epoch
 * seconds.
 */
export function settleDeployments(
  deployments: readonly StoredDeployment[],
  tasks: readonly ServiceTaskView[],
  eligible: number,
  steady: boolean,
  now: number,
  failed: (deployment: string) => number = () => 0,
): SettledDeployments {
  const out: StoredDeployment[] = []
  const settle = (d: StoredDeployment, desiredCount: number) => {
    const failedTasks = failed(d.id)
    out.push(
      d.desiredCount === desiredCount && d.failedTasks === failedTasks
        ? d
        : { ...d, desiredCount, failedTasks, updatedAt: now },
    )
  }
  for (const d of deployments) {
    if (d.status === 'PRIMARY') {
      settle(d, eligible)
      continue
    }
    const left = tasks.filter(t => t.deployment === d.id)
    if (left.length === 0) continue
    settle(d, left.filter(t => t.desiredStatus === 'RUNNING').length)
  }
  const primary = out.find(d => d.status === 'PRIMARY')
  if (!primary || !steady || out.length > 1 || primary.rolloutState !== 'IN_PROGRESS')
    return { deployments: out, completed: false }
  const done: StoredDeployment = {
    ...primary,
    rolloutState: 'COMPLETED',
    rolloutStateReason: `ECS deployment ${primary.id} completed.`,
    updatedAt: now,
  }
  return { deployments: [done], completed: true }
}
