/**
 * A process's copy of one cluster as placement reads it: the documents of its instances that are
 * not INACTIVE, and the groups of its tasks that have not stopped, per instance. A RunTask that
 * ranks the whole cluster (spread, binpack) places on this copy instead of reading and parsing
 * every instance and every task in its transaction, which costs far more than the placement on
 * a large cluster. The copy may lag the store; the caller (../tasks/cluster-views.ts) therefore
 * reads the chosen instances again in its transaction and places again when one of them
 * differs, so reservations are always checked against the stored books. A lagging copy can only
 * leave an instance out, or rank one on old task counts (strategies are best effort).
 * Pure: no store access; the caller feeds it what it read and what committed.
 */
import { sameJson } from '../json-equal.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import type { InstanceSnapshot } from './types.js'

/** A task that has not stopped, as the copy keeps it. */
export interface ViewTask {
  readonly id: string
  readonly instanceId: string
  readonly group: string
}

/** The copy of one cluster. */
export class ClusterView {
  /** When it was built (epoch ms), for the caller's refresh rule. */
  readonly builtAt: number
  readonly #instances = new Map<string, ContainerInstanceDocument>()
  readonly #tasks = new Map<string, ViewTask>()
  readonly #groups = new Map<string, string[]>()
  #snapshots: InstanceSnapshot[] | undefined
  /** Where each instance sits in `#snapshots`, so that a changed document replaces its entry. */
  readonly #rows = new Map<string, number>()

  constructor(
    instances: readonly { readonly id: string; readonly body: ContainerInstanceDocument }[],
    tasks: readonly ViewTask[],
    options: { readonly builtAt: number },
  ) {
    this.builtAt = options.builtAt
    for (const { id, body } of instances)
      if (body.status !== 'INACTIVE') this.#instances.set(id, body)
    for (const task of tasks) this.taskPlaced(task)
  }

  /**
   * The instances as the stack reads them; shared, never to be changed by the reader. The list
   * is the copy's own and follows it: an instance's new document replaces its entry in place (a
   * RunTask changes a few instances of thousands), so read it before the next change.
   */
  snapshots(): readonly InstanceSnapshot[] {
    if (this.#snapshots) return this.#snapshots
    this.#rows.clear()
    const snapshots: InstanceSnapshot[] = []
    for (const [id, instance] of this.#instances) {
      this.#rows.set(id, snapshots.length)
      snapshots.push({ id, instance, taskGroups: this.#groupsOf(id) })
    }
    this.#snapshots = snapshots
    return snapshots
  }

  /** The copy's document of instance `id`. */
  instance(id: string): ContainerInstanceDocument | undefined {
    return this.#instances.get(id)
  }

  /**
   * Takes `doc` as the current document of instance `id` (undefined: gone from the cluster);
   * true when it differs from the copy's, which then follows it.
   */
  update(id: string, doc: ContainerInstanceDocument | undefined): boolean {
    const known = this.#instances.get(id)
    const live = doc !== undefined && doc.status !== 'INACTIVE'
    if (!live) {
      if (known === undefined) return false
      this.#instances.delete(id)
      this.#snapshots = undefined
      return true
    }
    if (known !== undefined && sameJson(known, doc)) return false
    this.#instances.set(id, doc)
    const row = this.#rows.get(id)
    if (known !== undefined && this.#snapshots && row !== undefined)
      this.#snapshots[row] = { id, instance: doc, taskGroups: this.#groupsOf(id) }
    else this.#snapshots = undefined
    return true
  }

  /** A task placed (or met again: a task already known changes nothing). */
  taskPlaced(task: ViewTask): void {
    if (this.#tasks.has(task.id)) return
    this.#tasks.set(task.id, task)
    this.#groupsOf(task.instanceId).push(task.group)
  }

  /** A task stopped: its group no longer counts on its instance. */
  taskStopped(id: string): void {
    const task = this.#tasks.get(id)
    if (!task) return
    this.#tasks.delete(id)
    const groups = this.#groupsOf(task.instanceId)
    const at = groups.indexOf(task.group)
    if (at >= 0) groups.splice(at, 1)
  }

  #groupsOf(instanceId: string): string[] {
    let groups = this.#groups.get(instanceId)
    if (!groups) {
      groups = []
      this.#groups.set(instanceId, groups)
    }
    return groups
  }
}
