/**
 * What Docker says about a container (an inspect result) as a change to the engine's record.
 * Pure. Known status only moves forward: a late or replayed observation never undoes a newer one.
 */
import type { NetworkBinding } from '../docker/port-bindings.js'
import type { ContainerDetails, DockerHealth } from '../docker/runtime.js'
import { ContainerVanishedError } from '../errors.js'
import { later, type HealthStatus } from './status.js'
import type { ContainerPatch, ContainerState } from './task-state.js'

/** ECS's reason for a container the kernel killed for its memory limit. */
export const OOM_REASON = 'OutOfMemoryError: Container killed due to memory usage'
/**
 * The reason for a container that vanished from Docker (removed behind the agent's back, or while
 * the agent was away), in the ECS agent's words.
 */
export const GONE_REASON = new ContainerVanishedError('No container matching saved ID found').reason

export function healthStatus(health: DockerHealth | undefined): HealthStatus {
  if (health === 'healthy') return 'HEALTHY'
  if (health === 'unhealthy') return 'UNHEALTHY'
  return 'UNKNOWN'
}

/**
 * The patch for `container` given `details` (undefined: Docker no longer knows the container).
 * `bindingsOf` turns a running container's details into ECS network bindings.
 */
export function observedPatch(
  container: ContainerState,
  details: ContainerDetails | undefined,
  bindingsOf: (details: ContainerDetails) => NetworkBinding[],
): ContainerPatch {
  if (!details) {
    return { known: 'STOPPED', reason: container.reason ?? GONE_REASON }
  }
  const { state } = details
  const base: ContainerPatch = {
    runtimeId: details.id,
    imageId: details.imageId,
    health: healthStatus(state.health),
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
  }
  switch (state.status) {
    case 'created':
      return { ...base, known: later(container.known, 'CREATED') }
    case 'running':
    case 'paused':
    case 'restarting':
      return {
        ...base,
        known: later(container.known, 'RUNNING'),
        networkBindings: bindingsOf(details),
      }
    default:
      // exited, dead, removing: the process is gone.
      return {
        ...base,
        known: 'STOPPED',
        exitCode: state.exitCode,
        ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
        ...(state.oomKilled ? { reason: container.reason ?? OOM_REASON } : {}),
      }
  }
}
