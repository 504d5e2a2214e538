/**
 * Client tokens, the store half: a token's record is a `client-token` document keyed
 * `<operation>/<cluster>/<token>`, read and written in the caller's transaction, so that the
 * record and what the call created commit together or not at all. Two concurrent calls with one
 * token are serialised by the store (SQLite runs transactions one at a time; PostgreSQL's
 * SERIALIZABLE retries the one that read the token before the other wrote it), so the second
 * finds the first's record.
 *
 * Each write also sweeps a little: it looks at the next few records of its operation and cluster
 * after a cursor kept per process, and deletes those that have expired, so that the records of
 * a cluster never pass about twice the number of tokens it took within one lifetime.
 */
import type { Scope, Transaction } from '../store/index.js'
import {
  isExpired,
  judge,
  tokenId,
  tokenParent,
  type TokenClaim,
  type TokenRecord,
  type TokenVerdict,
} from './client-token.js'

/** Records looked at by one sweep: two per write keeps up with one new record per write. */
const SWEEP_WINDOW = 2

/**
 * Where the last sweep of each (account, region, parent) stopped: a hint, lost on restart, and
 * the only state kept outside the store (a transaction PostgreSQL retries may move it twice,
 * which only moves the sweep along).
 */
const cursors = new Map<string, string>()
const MAX_CURSORS = 10_000

/** The verdict on `claim` in `cluster`, from the record the store holds for its token. */
export async function verdictOf(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim,
  cluster: string,
  nowMs: number,
): Promise<TokenVerdict> {
  const doc = await tx.get<TokenRecord>(scope, 'client-token', tokenId(claim, cluster))
  return judge(claim, doc?.body, nowMs)
}

/** Writes (or replaces an expired) record of `claim` in `cluster`, then sweeps a little. */
export async function writeRecord(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim,
  cluster: string,
  record: TokenRecord,
): Promise<void> {
  const parent = tokenParent(claim.operation, cluster)
  const id = tokenId(claim, cluster)
  await tx.put(scope, 'client-token', id, parent, record)
  await sweep(tx, scope, parent, id, record.createdAt)
}

async function sweep(
  tx: Transaction,
  scope: Scope,
  parent: string,
  keep: string,
  nowMs: number,
): Promise<void> {
  const key = `${scope.account}\n${scope.region}\n${parent}`
  const after = cursors.get(key)
  const docs = await tx.list<TokenRecord>(scope, 'client-token', {
    parent,
    ...(after === undefined ? {} : { after }),
    limit: SWEEP_WINDOW,
  })
  for (const doc of docs)
    if (doc.id !== keep && isExpired(doc.body, nowMs))
      await tx.delete(scope, 'client-token', doc.id)
  if (cursors.size >= MAX_CURSORS) cursors.clear()
  // A short page is the end of the records: the next sweep starts over from the first.
  const last = docs.at(-1)
  if (docs.length < SWEEP_WINDOW || last === undefined) cursors.delete(key)
  else cursors.set(key, last.id)
}
