/**
 * What the agent's reports do to a task, as pure functions over the record: `lastStatus` only
 * moves forward (PENDING -> RUNNING -> STOPPED; a late report of an earlier state is ignored),
 * timestamps are set when a state is reached, and a task that stops also wants to stay stopped.
 */
import type {
  ContainerStateChange,
  SubmitTaskStateChangeRequest,
  TaskStopCode,
} from '@quayside/openapi/types'
import type { TaskRecord, TaskStatus } from '../resources/tasks.js'

const ORDER: Record<TaskStatus, number> = { PENDING: 0, RUNNING: 1, STOPPED: 2 }

/** `T`'s members, each of which may also be given as `undefined` (read from optional input). */
type Passed<T> = { [K in keyof T]?: T[K] | undefined }

/** A container's report (SubmitTaskStateChange `containers[]`, SubmitContainerStateChange). */
export type ContainerReport = Passed<ContainerStateChange>

/** A task's report (SubmitTaskStateChange). */
export type TaskReport = Passed<
  Pick<
    SubmitTaskStateChangeRequest,
    'status' | 'reason' | 'pullStartedAt' | 'pullStoppedAt' | 'executionStoppedAt'
  >
> & { containers?: readonly ContainerReport[] | undefined }

const isStatus = (s: string | undefined): s is TaskStatus =>
  s === 'PENDING' || s === 'RUNNING' || s === 'STOPPED'

/** Applies a container report in place; true when something changed. */
function applyContainer(record: TaskRecord, report: ContainerReport): boolean {
  const container = record.task.containers.find(c => c.name === report.containerName)
  if (!container) return false
  let changed = false
  if (isStatus(report.status) && ORDER[report.status] > ORDER[container.lastStatus]) {
    container.lastStatus = report.status
    changed = true
  }
  if (report.exitCode !== undefined) container.exitCode = report.exitCode
  if (report.reason !== undefined) container.reason = report.reason.slice(0, 1024)
  if (report.runtimeId !== undefined) container.runtimeId = report.runtimeId
  if (report.imageDigest !== undefined) container.imageDigest = report.imageDigest
  if (report.networkBindings !== undefined) container.networkBindings = report.networkBindings
  return (
    changed ||
    report.exitCode !== undefined ||
    report.reason !== undefined ||
    report.runtimeId !== undefined ||
    report.networkBindings !== undefined
  )
}

/** The previous and new `lastStatus` of a task after a report. */
export interface Transition {
  readonly from: TaskStatus
  readonly to: TaskStatus
  readonly changed: boolean
}

/**
 * Applies `report` to `record` in place (at `now`, epoch seconds). A task-level status ahead of
 * the current one moves the task; without one, the task follows its containers (all RUNNING ->
 * RUNNING, all STOPPED -> STOPPED), which is how the legacy container call moves tasks.
 */
export function applyReport(record: TaskRecord, report: TaskReport, now: number): Transition {
  const task = record.task
  const from = task.lastStatus
  let changed = false
  for (const c of report.containers ?? []) changed = applyContainer(record, c) || changed
  let target: TaskStatus | undefined = isStatus(report.status) ? report.status : undefined
  if (target === undefined && task.containers.length > 0) {
    if (task.containers.every(c => c.lastStatus === 'STOPPED')) target = 'STOPPED'
    else if (task.containers.every(c => c.lastStatus !== 'PENDING')) target = 'RUNNING'
  }
  if (report.pullStartedAt !== undefined) task.pullStartedAt = report.pullStartedAt
  if (report.pullStoppedAt !== undefined) task.pullStoppedAt = report.pullStoppedAt
  if (report.executionStoppedAt !== undefined) task.executionStoppedAt = report.executionStoppedAt
  if (target !== undefined && ORDER[target] > ORDER[from]) {
    task.lastStatus = target
    changed = true
    if (target === 'RUNNING') {
      task.startedAt = now
      task.connectivity = 'CONNECTED'
      task.connectivityAt = now
    } else {
      // a task that never ran failed to start (its secrets, its image...), as ECS tells them apart
      stopTask(
        record,
        now,
        report.reason ?? 'Essential container in task exited',
        task.startedAt === undefined ? 'TaskFailedToStart' : 'EssentialContainerExited',
      )
      task.stoppedAt = now
      task.executionStoppedAt ??= now
      for (const c of task.containers) c.lastStatus = 'STOPPED'
    }
  }
  if (changed) task.version += 1
  return { from, to: task.lastStatus, changed }
}

/**
 * Sets desired STOPPED (StopTask, or a report of a stopped task): the first reason and stop code
 * win, as in ECS, where a user's StopTask reason survives the agent's later report.
 */
export function stopTask(
  record: TaskRecord,
  now: number,
  reason: string,
  stopCode: TaskStopCode,
): boolean {
  const task = record.task
  if (task.desiredStatus === 'STOPPED') return false
  task.desiredStatus = 'STOPPED'
  task.stoppedReason ??= reason.slice(0, 1024)
  task.stopCode ??= stopCode
  task.stoppingAt ??= now
  return true
}
