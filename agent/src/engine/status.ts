/**
 * The engine's statuses. Containers and tasks move forward only, through
 * NONE < PULLED < CREATED < RUNNING < STOPPED, one step at a time; STOPPED may be reached from any
 * status (a failure, or a stop before start). The control plane sees only the coarser
 * PENDING / RUNNING / STOPPED ({@link backendStatus}), as with the ECS agent.
 */

/** What the agent knows (or wants) of one container or task, in lifecycle order. */
export type ContainerStatus = 'NONE' | 'PULLED' | 'CREATED' | 'RUNNING' | 'STOPPED'

/** A task's known status uses the same ladder as its containers. */
export type TaskStatus = ContainerStatus

/** What the agent may be asked for: a task or container either runs or stops. */
export type DesiredStatus = 'RUNNING' | 'STOPPED'

/** The status reported to the control plane (SubmitTaskStateChange `status`). */
export type BackendStatus = 'PENDING' | 'RUNNING' | 'STOPPED'

/** Container health as ECS reports it; UNKNOWN until Docker's first check result. */
export type HealthStatus = 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY'

/** Every status in order; the index is the rank. */
export const CONTAINER_STATUSES: readonly ContainerStatus[] = [
  'NONE',
  'PULLED',
  'CREATED',
  'RUNNING',
  'STOPPED',
]

/** The position of `status` in the lifecycle (NONE = 0 ... STOPPED = 4). */
export function rank(status: ContainerStatus): number {
  return CONTAINER_STATUSES.indexOf(status)
}

/** True when `status` is `than` or later. */
export function atLeast(status: ContainerStatus, than: ContainerStatus): boolean {
  return rank(status) >= rank(than)
}

/** The later of two statuses: known status never moves backwards. */
export function later(a: ContainerStatus, b: ContainerStatus): ContainerStatus {
  return rank(a) >= rank(b) ? a : b
}

/** The step after `status` on the way to RUNNING (STOPPED has none: it stays STOPPED). */
export function nextProgression(status: ContainerStatus): ContainerStatus {
  return CONTAINER_STATUSES[Math.min(rank(status) + 1, CONTAINER_STATUSES.length - 1)] ?? 'STOPPED'
}

/** The backend's view of a known status. */
export function backendStatus(status: ContainerStatus): BackendStatus {
  switch (status) {
    case 'RUNNING':
      return 'RUNNING'
    case 'STOPPED':
      return 'STOPPED'
    case 'NONE':
    case 'PULLED':
    case 'CREATED':
      return 'PENDING'
  }
}
