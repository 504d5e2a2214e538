/**
 * How the agent converges to the server's view with each payload (pure). The server is the
 * authority on what should run here: a task it holds STOPPED (StopTask, a report from anyone,
 * a forced deregistration) must not keep its containers, and neither must a task a full list
 * leaves out (the server has no such task running on this instance). The first full list after
 * start-up is the restore's (`TaskEngine.restore`); this plan is for every payload after it.
 */

import type { DesiredStatus, PayloadTask } from '@quayside/openapi/agent-protocol'

/** The members of a payload's task the plan reads (`lastStatus`: what the server last heard). */
export type SyncTask = Pick<PayloadTask, 'taskArn' | 'desiredStatus' | 'lastStatus'>

/** What one payload asks of the engine. */
export interface SyncPlan<T extends SyncTask> {
  /** Tasks not managed here to start managing (their definitions to fetch), in payload order. */
  readonly add: readonly T[]
  /** Managed tasks to stop. */
  readonly stop: readonly string[]
}

/** Whether the server wants `task` running. */
const wanted = (task: SyncTask): boolean =>
  task.desiredStatus === 'RUNNING' && task.lastStatus !== 'STOPPED'

/**
 * The plan for a payload of `tasks` (`full`: the server's whole list for this instance), given
 * the tasks managed here with their desired status (`managed`, by ARN):
 * - a managed task desired RUNNING that the payload holds stopped (desired or last status
 *   STOPPED) is stopped;
 * - with a full list, so is a managed task desired RUNNING that the list does not hold;
 * - a task not managed here is added, even desired STOPPED (the manager then reports it STOPPED
 *   without creating anything, which is what releases a task stopped before it ever reached
 *   this agent), unless the server already holds it STOPPED: then there is nothing to do.
 */
export function syncPlan<T extends SyncTask>(
  managed: ReadonlyMap<string, DesiredStatus>,
  tasks: readonly T[],
  full: boolean,
): SyncPlan<T> {
  const add: T[] = []
  const stop = new Set<string>()
  const listed = new Set<string>()
  for (const task of tasks) {
    if (wanted(task)) listed.add(task.taskArn)
    const desired = managed.get(task.taskArn)
    if (desired !== undefined) {
      if (!wanted(task) && desired === 'RUNNING') stop.add(task.taskArn)
    } else if (task.lastStatus !== 'STOPPED' && !add.some(a => a.taskArn === task.taskArn)) {
      add.push(task)
    }
  }
  if (full)
    for (const [arn, desired] of managed)
      if (desired === 'RUNNING' && !listed.has(arn)) stop.add(arn)
  return { add, stop: [...stop] }
}
