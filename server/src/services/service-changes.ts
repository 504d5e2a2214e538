/**
 * In-process notice that a service changed (CreateService, UpdateService, DeleteService), emitted
 * after the change has committed, so that the service scheduler (./service-loop.ts) acts on it at
 * once rather than at its next periodic pass.
 */
import type { Service } from '@quayside/openapi/types'
import type { Scope } from '../store/index.js'

/** The service that changed. */
export interface ServiceChange {
  readonly scope: Scope
  readonly cluster: string
  readonly name: string
}

/** A small typed emitter of {@link ServiceChange}s. */
export class ServiceChanges {
  readonly #listeners = new Set<(change: ServiceChange) => void>()

  /** Adds a listener; returns the function that removes it. */
  on(listener: (change: ServiceChange) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(change: ServiceChange): void {
    for (const listener of this.#listeners) listener(change)
  }
}

/** Tells the scheduler through `runtime` that an operation changed `service` (once committed). */
export function tellScheduler(
  runtime: { readonly serviceChanges: ServiceChanges },
  scope: Scope,
  service: Service | undefined,
): void {
  const clusterArn = service?.clusterArn
  const name = service?.serviceName
  if (clusterArn === undefined || name === undefined) return
  runtime.serviceChanges.emit({
    scope,
    cluster: clusterArn.slice(clusterArn.indexOf('/') + 1),
    name,
  })
}
