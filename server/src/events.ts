/**
 * In-process events on task state changes: the agent channel listens to deliver desired states.
 * Emitted after the transaction that made the change has committed, never from inside it
 * (PostgreSQL may run it twice).
 */
import type { Scope } from './store/index.js'
import type { TaskRecord } from './resources/tasks.js'

/** A task was created or its state changed. */
export interface TaskChangeEvent {
  readonly scope: Scope
  readonly cluster: string
  /** What changed: placement, desired status, or a state the agent reported. */
  readonly change: 'created' | 'desired' | 'reported'
  readonly record: TaskRecord
  /** The record's task as JSON, when the emitter has it already (a task just created). */
  readonly taskJson?: string | undefined
}

/** A listener; exceptions it throws are its own business and are not caught here. */
export type TaskListener = (event: TaskChangeEvent) => void

/** A small typed emitter of {@link TaskChangeEvent}s. */
export class TaskEvents {
  readonly #listeners = new Set<TaskListener>()

  /** Adds a listener; returns the function that removes it. */
  on(listener: TaskListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Calls every listener with `event`, in the order they were added. */
  emit(event: TaskChangeEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}
