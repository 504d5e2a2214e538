/**
 * In-process notice that container instances of a cluster changed in a way that can change where
 * a service's tasks may run: an instance registered (or registered again), was deregistered, set
 * ACTIVE or DRAINING, had attributes put or deleted, or its agent connected or disconnected.
 * Emitted after the change has committed, so that the service scheduler (./service-loop.ts)
 * visits every service of the cluster at once rather than at its next periodic pass. Only the
 * process that made the change hears it; the periodic pass covers the others (replicas on one
 * PostgreSQL store) and agents whose lease ran out without a close.
 */
import type { Scope } from '../store/index.js'

/** The cluster whose instances changed. */
export interface InstanceChange {
  readonly scope: Scope
  readonly cluster: string
}

/** A small typed emitter of {@link InstanceChange}s. */
export class InstanceChanges {
  readonly #listeners = new Set<(change: InstanceChange) => void>()

  /** Adds a listener; returns the function that removes it. */
  on(listener: (change: InstanceChange) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(change: InstanceChange): void {
    for (const listener of this.#listeners) listener(change)
  }
}

/** Tells the scheduler through `runtime` that instances of `cluster` changed (once committed). */
export function tellInstanceChange(
  runtime: { readonly instanceChanges: InstanceChanges },
  scope: Scope,
  cluster: string,
): void {
  runtime.instanceChanges.emit({ scope, cluster })
}
