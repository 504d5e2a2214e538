/**
 * The waits of quayside_service over the SDK's own waiters, so "stable" means exactly what ECS's
 * ServicesStable acceptors say (waiters-2.json, run by `ecs.waitFor`):
 *
 *   MISSING → fail · DRAINING → fail · INACTIVE → fail ·
 *   every service with one deployment and runningCount == desiredCount → stable
 *
 * and "deleted" what ServicesInactive says (INACTIVE; MISSING counts as gone here). Only the
 * polling differs from the model's 15 s: a quayside server answers in milliseconds, so the first
 * look is at once and the waits between looks grow from half a second to 5 s.
 */
import type { DescribeServicesOutput, Service } from '@quayside/sdk'
import { WaiterFailureError, WaiterTimeoutError, isEcsServiceError } from '@quayside/sdk'
import { waitFailed } from '../errors.js'
import { formatDuration } from '../values/duration.js'
import type { SdkContext } from './sdk.js'

/** Seconds between two looks: the first wait, and the longest one (the SDK backs off between). */
export const SERVICE_POLL = { minDelay: 0.5, maxDelay: 5 } as const

function lastService(state: { lastOutput?: unknown }): Service | undefined {
  return (state.lastOutput as DescribeServicesOutput | undefined)?.services?.[0]
}

/** What the service looked like when the wait ended, for the diagnostic. */
export function describeProgress(found: Service | undefined): string {
  if (!found) return 'no answer from DescribeServices'
  const deployments = found.deployments?.length ?? 0
  const event = found.events?.[0]?.message
  return [
    `runningCount ${String(found.runningCount ?? 0)} of desiredCount ${String(found.desiredCount ?? 0)}`,
    `${String(deployments)} deployment${deployments === 1 ? '' : 's'}`,
    ...(event === undefined ? [] : [`last event: ${event}`]),
  ].join('; ')
}

/**
 * Resolves once `service` of `cluster` is stable; rejects with a wait error naming why not: the
 * status a failure acceptor matched (DRAINING, INACTIVE, MISSING), or the timeout and the last
 * counts seen. API refusals (ClusterNotFoundException, ...) are rethrown as they come.
 */
export async function waitServiceStable(
  context: SdkContext,
  cluster: string,
  service: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await context.ecs.waitFor.servicesStable(
      { cluster, services: [service] },
      { maxWaitSeconds: timeoutMs / 1000, ...SERVICE_POLL, signal: context.call.signal },
    )
  } catch (error) {
    if (error instanceof WaiterFailureError) {
      const status = String(error.acceptor.expected)
      const why =
        status === 'MISSING'
          ? 'does not exist (DescribeServices answers MISSING)'
          : `is ${status}: it was deleted while apply waited`
      throw waitFailed(`service ${service} ${why}, so it cannot reach a steady state`)
    }
    if (error instanceof WaiterTimeoutError) {
      throw waitFailed(
        `service ${service} did not reach a steady state within ${formatDuration(timeoutMs)} ` +
          `(${describeProgress(lastService(error.state))}); raise the timeout in a timeouts block ` +
          'or look at the service events for why its tasks do not run',
      )
    }
    throw error
  }
}

/**
 * Resolves once the deleted `service` is INACTIVE or gone (MISSING, or its cluster gone too);
 * rejects with a wait error when it is still DRAINING after `timeoutMs`.
 */
export async function waitServiceInactive(
  context: SdkContext,
  cluster: string,
  service: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await context.ecs.waitFor.servicesInactive(
      { cluster, services: [service] },
      { maxWaitSeconds: timeoutMs / 1000, ...SERVICE_POLL, signal: context.call.signal },
    )
  } catch (error) {
    if (error instanceof WaiterFailureError) return
    if (isEcsServiceError(error) && error.name === 'ClusterNotFoundException') return
    if (error instanceof WaiterTimeoutError) {
      const found = lastService(error.state)
      throw waitFailed(
        `service ${service} was deleted but is still ${found?.status ?? 'DRAINING'} after ` +
          `${formatDuration(timeoutMs)} (${describeProgress(found)}); raise timeouts.delete`,
      )
    }
    throw error
  }
}
