/**
 * Service `events` in ECS's wording (ECS-NOTES sections 4 and 5): newest first, at most 100,
 * and a message equal to the newest one within six hours is not added again (ECS suppresses
 * duplicates until the cause clears or six hours pass).
 */
import type { ServiceEvent } from '@quayside/openapi/types'
import type { Rejection } from '../scheduler/index.js'

/** How many events a service keeps. */
export const EVENTS_KEPT = 100

/** How long a repeated message stays suppressed, in seconds. */
const SUPPRESSED_S = 6 * 60 * 60

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1)

const taskList = (taskArns: readonly string[]) =>
  taskArns.map(arn => `(task ${idOf(arn)})`).join(' ')

export const startedMessage = (service: string, taskArns: readonly string[]) =>
  `(service ${service}) has started ${String(taskArns.length)} tasks: ${taskList(taskArns)}.`

export const stoppedMessage = (service: string, taskArns: readonly string[]) =>
  `(service ${service}) has stopped ${String(taskArns.length)} running tasks: ${taskList(taskArns)}.`

export const steadyMessage = (service: string) => `(service ${service}) has reached a steady state.`

export const completedMessage = (service: string, deployment: string) =>
  `(service ${service}) (deployment ${deployment}) deployment completed.`

/** When tasks are to be replaced but the deployment bounds allow no start and no stop (100/100). */
export const deadlockMessage = (service: string) =>
  `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`

/** A task stopped because its essential containers' health checks failed. */
export const unhealthyMessage = (service: string, taskArn: string) =>
  `(service ${service}) (task ${idOf(taskArn)}) failed container health checks.`

/** While the launch back-off of a service whose tasks fail to start runs (./launch-backoff.ts). */
export const throttledMessage = (service: string) =>
  `(service ${service}) is unable to consistently start tasks successfully.`

const TROUBLESHOOTING =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.'

const WHY: Record<string, string> = {
  'RESOURCE:MEMORY': 'has insufficient memory available',
  'RESOURCE:CPU': 'has insufficient CPU units available',
  'RESOURCE:PORTS': 'is already using a port required by your task',
  'RESOURCE:PORTS_UDP': 'is already using a port required by your task',
}

/**
 * Why a service could not place a task: the closest matching instance (the first rejection whose
 * reason is about resources, else the first) and its reason; no instance at all is said so.
 */
export function unplacedMessage(service: string, rejections: readonly Rejection[]): string {
  const closest = rejections.find(r => r.reason in WHY) ?? rejections[0]
  if (!closest)
    return `(service ${service}) was unable to place a task because no container instance met all of its requirements. No container instances were found in your cluster. ${TROUBLESHOOTING}`
  const why = WHY[closest.reason] ?? `encountered error "${closest.reason}"`
  return `(service ${service}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${idOf(closest.arn)}) ${why}. ${TROUBLESHOOTING}`
}

/** `events` with `message` added at `now` (epoch seconds), unless it repeats the newest one. */
export function addEvent(
  events: readonly ServiceEvent[],
  message: string,
  now: number,
  id: string,
): ServiceEvent[] {
  const newest = events[0]
  if (newest?.message === message && now - (newest.createdAt ?? 0) < SUPPRESSED_S)
    return [...events]
  return [{ id, createdAt: now, message }, ...events].slice(0, EVENTS_KEPT)
}
