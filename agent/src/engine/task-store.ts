/**
 * Where task records live between agent runs: one JSON file per task under a directory of the
 * agent's state dir (`<state-dir>/tasks/<task-id>.json`), each written durably and atomically
 * (`durable-file.ts`): a kill -9 or a power cut leaves the old record or the new one.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { taskIdOf } from '../task-definition.js'
import { writeDurably } from './durable-file.js'
import { parseTaskRecord, type TaskRecord } from './task-record.js'

/**
 * The engine's persistence seam. Calls for one task take effect in the order they are made;
 * rejections are I/O faults (the engine logs them and carries on: Docker's labels still find the
 * containers).
 */
export interface TaskStore {
  /** Every readable record. */
  load(): Promise<TaskRecord[]>
  /** Replaces the task's record. */
  save(record: TaskRecord): Promise<void>
  /** Forgets the task (its containers are gone). Missing is fine. */
  remove(arn: string): Promise<void>
}

/** The file name of a task's record: its id, kept to characters safe on every file system. */
export function recordFileName(arn: string): string {
  return `${taskIdOf(arn).replace(/[^A-Za-z0-9_-]/g, '_')}.json`
}

export interface FileTaskStoreOptions {
  /** Unreadable or foreign files found by `load` (they are skipped, not deleted). */
  readonly onError?: ((error: unknown) => void) | undefined
}

/** A {@link TaskStore} over a directory (created on first write). */
export class FileTaskStore implements TaskStore {
  readonly directory: string
  readonly #onError: (error: unknown) => void
  /** The last pending write per file, so writes of one task never overtake each other. */
  readonly #queues = new Map<string, Promise<void>>()

  constructor(directory: string, options: FileTaskStoreOptions = {}) {
    this.directory = directory
    this.#onError = options.onError ?? (() => undefined)
  }

  async load(): Promise<TaskRecord[]> {
    let names: string[]
    try {
      names = await readdir(this.directory)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const records: TaskRecord[] = []
    for (const name of names.filter(n => n.endsWith('.json')).sort()) {
      const file = join(this.directory, name)
      try {
        const record = parseTaskRecord(JSON.parse(await readFile(file, 'utf8')))
        if (record) records.push(record)
        else this.#onError(new Error(`${file} is not a task record; skipped`))
      } catch (error) {
        this.#onError(error)
      }
    }
    return records
  }

  save(record: TaskRecord): Promise<void> {
    const file = join(this.directory, recordFileName(record.task.arn))
    return this.#enqueue(file, () => writeDurably(file, `${JSON.stringify(record)}\n`))
  }

  remove(arn: string): Promise<void> {
    const file = join(this.directory, recordFileName(arn))
    return this.#enqueue(file, () => rm(file, { force: true }))
  }

  /** Resolves once every write queued so far has finished (for an orderly shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#queues.values()])
  }

  #enqueue(file: string, operation: () => Promise<void>): Promise<void> {
    const next = (this.#queues.get(file) ?? Promise.resolve()).then(operation, operation)
    this.#queues.set(file, next)
    const forget = () => {
      if (this.#queues.get(file) === next) this.#queues.delete(file)
    }
    next.then(forget, forget)
    return next
  }
}
