/**
 * A worker thread that copies the WAL into the database file (PASSIVE checkpoints on a connection
 * of its own at synchronous=FULL) so that the serving thread never waits for that copy nor for
 * its fsyncs. PASSIVE never blocks the writer; it copies what is committed and syncs the database
 * file before SQLite may reuse the WAL.
 *
 * The worker's code is a plain-JavaScript string run with `eval`, so that it loads the same way
 * from the build and from the TypeScript sources under tsx (a worker does not inherit tsx's hooks).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** What the worker is handed. */
interface CheckpointerData {
  /** better-sqlite3's entry point, resolved here (an eval'd worker resolves from the cwd). */
  readonly driver: string
  readonly path: string
  readonly intervalMs: number
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
db.pragma('synchronous = FULL')
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>
}

/**
 * Starts the checkpointer on the database at `path`. Should the worker die, the store's own
 * WAL size limit still bounds the WAL, so a worker error is not fatal to the store.
 */
export function startCheckpointer(path: string, intervalMs: number): Checkpointer {
  const data: CheckpointerData = {
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    path,
    intervalMs,
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data })
  worker.unref()
  let exited = false
  const exit = new Promise<void>(resolve => {
    worker.once('exit', () => {
      exited = true
      resolve()
    })
  })
  worker.on('error', () => undefined)
  return {
    async stop() {
      if (!exited) {
        worker.ref() // or the process may end before the worker's exit is heard
        worker.postMessage('stop')
      }
      await exit
    },
  }
}
