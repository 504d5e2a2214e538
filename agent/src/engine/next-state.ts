/**
 * The engine's one decision, as a pure function: given a container and its task, what should
 * happen to the container next? The task manager applies the answer; this module never touches
 * Docker. Modelled on the ECS agent's `containerNextState`, with a transition table test.
 */
import { shutdownBlocker, startBlocker } from './dependencies.js'
import { nextProgression, rank, type ContainerStatus } from './status.js'
import type { ContainerState, TaskState } from './task-state.js'

/**
 * The outcome of {@link containerNextState}.
 * - `next` NONE: nothing to do now (`reason` says why: at or past the desired status, a call in
 *   flight, a dependency to wait for).
 * - `actionable` true: make the Docker call that moves the container to `next` (PULLED: pull,
 *   CREATED: create, RUNNING: start, STOPPED: stop).
 * - `actionable` false with a `next`: record `next` as known without calling Docker. This is how
 *   a container that never started is stopped, and how one whose dependency can never be met is
 *   given up (with `reason`).
 */
export interface ContainerTransition {
  readonly next: ContainerStatus
  readonly actionable: boolean
  readonly reason?: string
}

const nothing = (reason: string): ContainerTransition => ({
  next: 'NONE',
  actionable: false,
  reason,
})

/**
 * See {@link ContainerTransition}. Deterministic: same input, same answer. `now` is compared with
 * start timeouts of dependencies (the default, the epoch, never times out).
 */
export function containerNextState(
  container: ContainerState,
  task: TaskState,
  now: Date = new Date(0),
): ContainerTransition {
  const { known, desired } = container
  if (container.applied !== undefined) {
    return nothing(`the ${container.applied} transition is in progress`)
  }
  if (known === desired) return nothing('the container is at its desired status')
  if (rank(known) > rank(desired)) return nothing('the container is past its desired status')

  if (desired === 'STOPPED') {
    // Nothing runs yet, so there is nothing for Docker to stop; a created container is removed
    // with the others at cleanup.
    if (known !== 'RUNNING') return { next: 'STOPPED', actionable: false }
    const blocker = shutdownBlocker(container, task)
    return blocker ? nothing(blocker.reason) : { next: 'STOPPED', actionable: true }
  }

  const next = nextProgression(known)
  if (next !== 'PULLED') {
    const blocker = startBlocker(container, task, next, now)
    if (blocker?.impossible === true) {
      return { next: 'STOPPED', actionable: false, reason: blocker.reason }
    }
    if (blocker) return nothing(blocker.reason)
  }
  return { next, actionable: true }
}
