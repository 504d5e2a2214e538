/**
 * What the tasks placed on one container instance hold, read from the tasks themselves: the
 * reservations of those that have not stopped (a stopped task's `reserved` is cleared in the
 * transaction that stops it). RegisterContainerInstance reads it when an agent re-registers an
 * instance it already has, so that the instance's books start again from the tasks rather than
 * from whatever the document held.
 */
import { sumReservations, type Reserved } from '../resources/remaining.js'
import type { TaskRecord } from '../resources/tasks.js'
import type { Scope, Transaction } from '../store/index.js'

/** The sum of the reservations held by the tasks of `cluster` placed on instance `instanceId`. */
export async function reservedByTasks(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  instanceId: string,
): Promise<Reserved> {
  const tasks = await tx.list<TaskRecord>(scope, 'task', { parent: cluster })
  return sumReservations(
    tasks
      .filter(d => d.body.instanceId === instanceId && d.body.task.lastStatus !== 'STOPPED')
      .map(d => d.body.reserved),
  )
}
