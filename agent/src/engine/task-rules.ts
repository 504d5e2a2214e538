/**
 * Task-level rules, pure: the essential rule, desired status flowing from task to containers, and
 * the task's known status derived from its containers. The task manager calls {@link settleTask}
 * after every change it learns of.
 */
import { later, rank, type ContainerStatus } from './status.js'
import type { ContainerState, TaskState } from './task-state.js'

/** ECS's `stoppedReason` when an essential container exits. */
export const ESSENTIAL_EXITED = 'Essential container in task exited'

function essentialStop(state: TaskState, container: ContainerState): TaskState {
  const ran = container.startedAt !== undefined
  return {
    ...state,
    desired: 'STOPPED',
    stopCode: ran ? 'EssentialContainerExited' : 'TaskFailedToStart',
    stoppedReason: ran
      ? ESSENTIAL_EXITED
      : (container.reason ?? `Essential container ${container.name} stopped before it started`),
  }
}

function derivedKnown(state: TaskState): ContainerStatus {
  const live = state.containers.filter(c => c.known !== 'STOPPED')
  if (live.length === 0) return 'STOPPED'
  const lowest = live.reduce<ContainerStatus>(
    (low, c) => (rank(c.known) < rank(low) ? c.known : low),
    'RUNNING',
  )
  // Stopped containers never come back, so the task was not STOPPED before either: `later` only
  // keeps it from moving back (RUNNING stays RUNNING while a container is still being stopped).
  return later(state.known, lowest)
}

/**
 * Applies the task rules until nothing changes:
 * 1. a container known STOPPED stays stopped (desired STOPPED: the agent does not restart it);
 * 2. an essential container stopped, or desired stopped, makes the task's desired STOPPED
 *    (`EssentialContainerExited` if it ran, else `TaskFailedToStart` with its reason);
 * 3. a task desired STOPPED makes every container's desired STOPPED;
 * 4. the task's known status is the lowest known status of its live containers, never moving
 *    back, and STOPPED only when every container is STOPPED (stamping `startedAt` on the first
 *    RUNNING and `executionStoppedAt` on STOPPED).
 */
export function settleTask(state: TaskState, now: Date): TaskState {
  let next: TaskState = {
    ...state,
    containers: state.containers.map(c =>
      c.known === 'STOPPED' && c.desired !== 'STOPPED' ? { ...c, desired: 'STOPPED' } : c,
    ),
  }
  if (next.desired === 'RUNNING') {
    const essential = next.containers.find(c => c.essential && c.desired === 'STOPPED')
    if (essential) next = essentialStop(next, essential)
  }
  if (next.desired === 'STOPPED') {
    next = {
      ...next,
      containers: next.containers.map(c =>
        c.desired === 'STOPPED' ? c : { ...c, desired: 'STOPPED' },
      ),
    }
  }
  const known = derivedKnown(next)
  return {
    ...next,
    known,
    ...(known === 'RUNNING' && next.startedAt === undefined ? { startedAt: now } : {}),
    ...(known === 'STOPPED' && next.executionStoppedAt === undefined
      ? { executionStoppedAt: now }
      : {}),
  }
}

/** StopTask: desired STOPPED with `UserInitiated`, unless the task is already stopping. */
export function requestStop(state: TaskState, reason: string): TaskState {
  if (state.desired === 'STOPPED') return state
  return { ...state, desired: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: reason }
}

/**
 * The task cannot start at all (unsupported option, invalid definition): every container that
 * has not started is given up with `reason`, and the task stops with `TaskFailedToStart`.
 */
export function failTask(state: TaskState, reason: string): TaskState {
  return {
    ...state,
    desired: 'STOPPED',
    stopCode: state.stopCode ?? 'TaskFailedToStart',
    stoppedReason: state.stoppedReason ?? reason,
    containers: state.containers.map(c =>
      c.known === 'RUNNING' || c.known === 'STOPPED'
        ? c
        : { ...c, known: 'STOPPED', desired: 'STOPPED', reason },
    ),
  }
}
