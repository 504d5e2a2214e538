/**
 * The tasks a request names (ids or ARNs) in one cluster, as DescribeTasks, GetTaskProtection and
 * UpdateTaskProtection look them up: in the order named, and a reference that names no task
 * (unknown, or stopped and past retention) a failure MISSING under the ARN it would have.
 */
import type { Failure } from '@quayside/openapi/types'
import { findTask, type TaskRecord } from '../resources/tasks.js'
import type { Scope, Transaction } from '../store/index.js'

/** Calls `found` with each record found, in order; resolves to the MISSING failures. */
export async function findTasks(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  references: readonly string[],
  retentionMs: number,
  found: (record: TaskRecord) => Promise<void> | void,
): Promise<Failure[]> {
  const failures: Failure[] = []
  for (const reference of references) {
    const record = await findTask(tx, scope, cluster, reference, retentionMs)
    if (record) await found(record)
    else failures.push({ arn: missingArn(scope, cluster, reference), reason: 'MISSING' })
  }
  return failures
}

const missingArn = (scope: Scope, cluster: string, reference: string) =>
  reference.startsWith('arn:')
    ? reference
    : `arn:aws:ecs:${scope.region}:${scope.account}:task/${cluster}/${reference}`
