/**
 * Keeping a container instance's books as its tasks move: pending/running counters follow the
 * task's `lastStatus`, and the reservation goes back when the task stops (once: the record's
 * `reserved` is cleared in the same transaction). The instance's remainder is derived from its
 * registered resources and what its tasks still hold (../resources/remaining.ts).
 */
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { books, removeReservation, reservedOf } from '../resources/remaining.js'
import type { TaskRecord } from '../resources/tasks.js'
import type { Scope, Transaction } from '../store/index.js'
import type { Transition } from './state-change.js'

/** Updates the instance of `record` for `transition`; clears `record.reserved` on stop. */
export async function settleInstance(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  record: TaskRecord,
  transition: Transition,
): Promise<void> {
  if (transition.from === transition.to) return
  const doc = await tx.get<ContainerInstanceDocument>(
    scope,
    'container-instance',
    record.instanceId,
  )
  if (!doc) return
  const instance = { ...doc.body }
  if (transition.from === 'PENDING')
    instance.pendingTasksCount = Math.max(0, instance.pendingTasksCount - 1)
  if (transition.from === 'RUNNING')
    instance.runningTasksCount = Math.max(0, instance.runningTasksCount - 1)
  if (transition.to === 'RUNNING') instance.runningTasksCount += 1
  if (transition.to === 'STOPPED' && record.reserved) {
    Object.assign(
      instance,
      books(instance.registeredResources, removeReservation(reservedOf(instance), record.reserved)),
    )
    record.reserved = null
  }
  instance.version += 1
  await tx.put(scope, 'container-instance', doc.id, cluster, instance)
}
