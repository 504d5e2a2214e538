/**
 * RunTask's `clientToken` (botocore and the AWS CLI send one on every call and send it again on
 * each retry): before placing, a repeated token with the same parameters answers the original
 * tasks as they are now and the original failures; with other parameters it is a
 * ConflictException naming the original tasks. After placing, the token's record is written in
 * the same transaction as the tasks. A record whose tasks can no longer be described (stopped
 * and past the retention time) no longer binds its token.
 */
import type { RunTaskResponse } from '@quayside/openapi/types'
import { clusterName } from '../arn.js'
import { errors } from '../errors.js'
import { findTask, type TaskRecord } from '../resources/tasks.js'
import type { Scope, Transaction } from '../store/index.js'
import { launchAnswer, type PlacedTask } from '../tasks/launch.js'
import { newRecord, type RecordedFailure, type TokenClaim } from './client-token.js'
import { verdictOf, writeRecord } from './token-records.js'

/**
 * The answer of the call that first used `claim`'s token in the cluster `clusterRef` names, or
 * undefined when the call is to run; throws ConflictException for other parameters.
 */
export async function replayRunTask(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim | undefined,
  clusterRef: string | undefined,
  retentionMs: number,
): Promise<RunTaskResponse | undefined> {
  if (claim === undefined) return undefined
  const cluster = clusterName(scope, clusterRef)
  const verdict = await verdictOf(tx, scope, claim, cluster, Date.now())
  if (verdict.kind === 'fresh') return undefined
  if (verdict.kind === 'conflict') throw errors.tokenInUse(verdict.record.resourceIds)
  const tasks: TaskRecord[] = []
  for (const arn of verdict.record.resourceIds) {
    const task = await findTask(tx, scope, cluster, arn, retentionMs)
    if (task === undefined) return undefined
    tasks.push(task)
  }
  return launchAnswer(
    tasks.map(record => ({ record, taskJson: JSON.stringify(record.task) })),
    [...(verdict.record.failures ?? [])],
  )
}

/** Records that `claim`'s call placed `placed` and answered `failures`, in the launch's transaction. */
export async function recordRunTask(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim | undefined,
  cluster: string,
  placed: readonly PlacedTask[],
  failures: readonly RecordedFailure[],
): Promise<void> {
  if (claim === undefined) return
  const arns = placed.map(p => p.record.task.taskArn)
  await writeRecord(tx, scope, claim, cluster, newRecord(claim, Date.now(), arns, failures))
}
