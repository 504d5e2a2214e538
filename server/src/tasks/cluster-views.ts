/**
 * RunTask's placement on a cluster copy (../scheduler/cluster-view.ts) instead of a read of the
 * whole cluster, for requests that rank every instance (spread, binpack), on SQLite (RunTask
 * does not use it on PostgreSQL: see ../operations/run-task.ts). One copy per cluster
 * and server runtime, kept in step by what this process does and sees: the tasks RunTask places
 * and the instances it writes (in its transaction), the tasks others create and the states
 * agents report (task events), and the notices of instance changes (registration, state,
 * attributes, agent connection: the copy is dropped).
 * Anything else reaches it when it is rebuilt, in the transaction of a RunTask that finds it
 * missing or older than {@link VIEW_TTL_MS}. In the transaction, the instances chosen on the copy are read again; when
 * one differs from the copy (another writer got there first), the copy takes it and the stack
 * places again, so reservations are checked against the stored books as a full read checks them.
 */
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { expired, idOfTask, type TaskRecord } from '../resources/tasks.js'
import type { ServerRuntime } from '../runtime.js'
import { ClusterView, type ViewTask } from '../scheduler/cluster-view.js'
import { place, type PlacementResult } from '../scheduler/index.js'
import type { Scope, Transaction } from '../store/index.js'
import type { PlacedTask, PreparedLaunch } from './launch.js'

/** How old a copy may be before a RunTask rebuilds it from the store. */
export const VIEW_TTL_MS = 5000
/** Placements on the copy whose chosen instances changed meanwhile, before a full read decides. */
const ATTEMPTS = 3

type Views = Map<string, ClusterView>
const byRuntime = new WeakMap<ServerRuntime, Views>()
const keyOf = (scope: Scope, cluster: string) => `${scope.account}/${scope.region}/${cluster}`

/** The copies of `runtime`'s server, listening to its events from the first use. */
function viewsOf(runtime: ServerRuntime): Views {
  let views = byRuntime.get(runtime)
  if (views) return views
  const created: Views = new Map()
  runtime.events.on(({ scope, cluster, record }) => {
    const view = created.get(keyOf(scope, cluster))
    if (!view) return
    if (record.task.lastStatus === 'STOPPED') view.taskStopped(idOfTask(record.task))
    else view.taskPlaced(viewTask(record))
  })
  runtime.instanceChanges.on(({ scope, cluster }) => {
    created.delete(keyOf(scope, cluster))
  })
  byRuntime.set(runtime, created)
  views = created
  return views
}

const viewTask = (record: TaskRecord): ViewTask => ({
  id: idOfTask(record.task),
  instanceId: record.instanceId,
  group: record.task.group,
})

/** Reads the cluster into a new copy; expired tasks met on the way are deleted. */
async function buildView(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  retentionMs: number,
): Promise<ClusterView> {
  const now = Date.now()
  const instances = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
    parent: cluster,
  })
  const tasks: ViewTask[] = []
  for (const doc of await tx.list<TaskRecord>(scope, 'task', { parent: cluster })) {
    if (expired(doc.body, retentionMs, now)) {
      await tx.delete(scope, 'task', doc.id)
      continue
    }
    if (doc.body.task.lastStatus !== 'STOPPED') tasks.push(viewTask(doc.body))
  }
  return new ClusterView(instances, tasks, { builtAt: now })
}

/**
 * Places `prepared` on the cluster's copy; the result and the chosen instances' documents as
 * read in `tx`, or undefined when the caller must read the whole cluster: fewer than `count`
 * placed (the failures must name every instance with its reason), or the chosen instances kept
 * changing. A missing copy, or one older than {@link VIEW_TTL_MS}, is built first in `tx`.
 */
export async function placeOnView(
  tx: Transaction,
  scope: Scope,
  runtime: ServerRuntime,
  prepared: PreparedLaunch,
): Promise<
  { result: PlacementResult; instances: Map<string, ContainerInstanceDocument> } | undefined
> {
  const cluster = prepared.cluster.clusterName
  const views = viewsOf(runtime)
  let view = views.get(keyOf(scope, cluster))
  if (!view || Date.now() - view.builtAt > VIEW_TTL_MS) {
    // Built here, so the launches queued behind this one find it (SQLite runs them in turn).
    view = await buildView(tx, scope, cluster, runtime.stoppedTaskRetentionMs)
    views.set(keyOf(scope, cluster), view)
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const result = place(view.snapshots(), prepared.request)
    if (result.placements.length < prepared.request.count) return undefined
    const instances = new Map<string, ContainerInstanceDocument>()
    let changed = false
    for (const { instanceId } of result.placements) {
      if (instances.has(instanceId)) continue
      const doc = await tx.get<ContainerInstanceDocument>(scope, 'container-instance', instanceId)
      const current = doc?.parent === cluster ? doc.body : undefined
      if (view.update(instanceId, current) || !current) changed = true
      else instances.set(instanceId, current)
    }
    if (!changed) return { result, instances }
  }
  return undefined
}

/**
 * In the transaction that placed them: the copy takes the new tasks and the instance documents
 * written, so that the launches after it rank on them without waiting for the commit. Should the
 * transaction not commit, the documents differ from the store's and the next launch choosing
 * those instances reads them again; the tasks' groups count until the copy is rebuilt.
 */
export function placedOnView(
  runtime: ServerRuntime,
  scope: Scope,
  cluster: string,
  placed: readonly PlacedTask[],
  written: ReadonlyMap<string, ContainerInstanceDocument>,
): void {
  const view = viewsOf(runtime).get(keyOf(scope, cluster))
  if (!view) return
  for (const [id, doc] of written) view.update(id, doc)
  for (const { record } of placed) view.taskPlaced(viewTask(record))
}
