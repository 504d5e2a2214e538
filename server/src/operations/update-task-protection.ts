/**
 * UpdateTaskProtection and GetTaskProtection: scale-in protection per task, for
 * `expiresInMinutes` (1-2880, default 120). Unknown tasks are `failures` MISSING.
 */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findTask, saveTask, type TaskRecord } from '../resources/tasks.js'
import type { Scope } from '../store/index.js'
import type { OperationContext, OperationHandler, OperationInput } from './context.js'
import { bool, num, str, strings } from './input.js'

/** The wire ProtectedTask of a record at `now` (epoch seconds). */
function protectedTask(record: TaskRecord, now: number): object {
  const until = record.protectedUntil
  return until !== undefined && until > now
    ? { taskArn: record.task.taskArn, protectionEnabled: true, expirationDate: until }
    : { taskArn: record.task.taskArn, protectionEnabled: false }
}

const missingArn = (scope: Scope, cluster: string, reference: string) =>
  reference.startsWith('arn:')
    ? reference
    : `arn:aws:ecs:${scope.region}:${scope.account}:task/${cluster}/${reference}`

/** Reads (and with `change`, updates) the protection of the named tasks. */
async function protection(
  input: OperationInput,
  { store, scope, runtime }: OperationContext,
  change?: (record: TaskRecord, now: number) => void,
): Promise<object> {
  const references = strings(input, 'tasks') ?? []
  if (references.length > 10) throw errors.invalidParameter('tasks can name at most 10 tasks.')
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const now = Date.now() / 1000
    const protectedTasks: object[] = []
    const failures: { arn: string; reason: string }[] = []
    for (const reference of references) {
      const record = await findTask(
        tx,
        scope,
        cluster.clusterName,
        reference,
        runtime.stoppedTaskRetentionMs,
      )
      if (!record) {
        failures.push({ arn: missingArn(scope, cluster.clusterName, reference), reason: 'MISSING' })
        continue
      }
      if (change) {
        change(record, now)
        await saveTask(tx, scope, cluster.clusterName, record)
      }
      protectedTasks.push(protectedTask(record, now))
    }
    return { protectedTasks, failures }
  })
}

export const updateTaskProtection: OperationHandler = (input, context) => {
  const enabled = bool(input, 'protectionEnabled') ?? false
  const minutes = num(input, 'expiresInMinutes') ?? 120
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 2880)
    throw errors.invalidParameter('expiresInMinutes must be between 1 and 2880.')
  return protection(input, context, (record, now) => {
    if (enabled) record.protectedUntil = Math.round(now + minutes * 60)
    else delete record.protectedUntil
  })
}

export const getTaskProtection: OperationHandler = (input, context) => protection(input, context)
