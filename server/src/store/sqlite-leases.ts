/**
 * Agent leases (and the service scheduler's, below) on a single-process store. A container
 * instance's `agentConnected` is true while the server holding its agent's channel renews
 * `agentLeaseUntil` (see ../channel/agent-channel.ts). On SQLite only one process ever serves
 * the database, so when it starts no channel is open and every lease in the file was granted by
 * a process that is gone (killed, crashed, or stopped without recording the close): trusting it
 * until it ran out would place tasks on agents nobody is connected to. Opening the store therefore drops them all;
 * agents reconnect and are recorded afresh. (PostgreSQL is shared by replicas: there a lease
 * may belong to a live replica, and only its expiry says otherwise.)
 */
import type Database from 'better-sqlite3'

/**
 * Sets `agentConnected` false on every container instance that reads connected, removing its
 * session and lease and counting the change in its `version`. Returns how many it changed. Runs
 * before the store serves anything (no read cache to invalidate yet).
 */
export function dropAgentLeases(db: Database.Database): number {
  const result = db
    .prepare(
      `UPDATE documents SET body = json_set(
         json_remove(body, '$.agentSession', '$.agentLeaseUntil'),
         '$.agentConnected', json('false'),
         '$.version', coalesce(json_extract(body, '$.version'), 0) + 1)
       WHERE kind = 'container-instance' AND json_extract(body, '$.agentConnected') = 1`,
    )
    .run()
  return result.changes
}

/**
 * Deletes the service scheduler's lease (../services/service-index.ts), for the same reason: on
 * SQLite its holder is a process that is gone, and waiting for it to run out would hold the loop
 * back for up to a lease (five seconds or three passes) after every crash. Returns how many it
 * deleted (0 or 1). Runs before the store serves anything.
 */
export function dropSchedulerLease(db: Database.Database): number {
  return db.prepare(`DELETE FROM documents WHERE kind = 'scheduler-lease'`).run().changes
}
