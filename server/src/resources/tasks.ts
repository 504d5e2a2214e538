/**
 * Tasks as stored: one `task` document per task, keyed by its 32-hex id, parent = cluster name.
 * The body is a {@link TaskRecord}: the wire `Task` plus what the server keeps beside it (the
 * reservation to give back when the task stops, its protection). Stopped tasks stay describable
 * for the server's retention time (ECS: at least an hour) and then read as missing; they are
 * deleted lazily by the next write that meets them.
 */
import { parseArn } from '../arn.js'
import { JsonText } from '../json-text.js'
import type { Scope, Transaction } from '../store/index.js'
import type { TaskResources } from '../task-definitions/index.js'
import type { Container, Task } from '@quayside/openapi/types'

/** Task and container `lastStatus` values the agent reports (ECS-NOTES section 2). */
export type TaskStatus = 'PENDING' | 'RUNNING' | 'STOPPED'

/** A container of a stored task: the wire `Container` with the members this server sets. */
export type StoredContainer = Container &
  Required<
    Pick<
      Container,
      | 'containerArn'
      | 'taskArn'
      | 'name'
      | 'networkBindings'
      | 'networkInterfaces'
      | 'healthStatus'
      | 'cpu'
    >
  > & { lastStatus: TaskStatus }

/** A stored task: the wire `Task` with the members this server always sets required. */
export type StoredTask = Omit<Task, 'containers'> &
  Required<
    Pick<
      Task,
      | 'taskArn'
      | 'clusterArn'
      | 'taskDefinitionArn'
      | 'containerInstanceArn'
      | 'overrides'
      | 'cpu'
      | 'memory'
      | 'version'
      | 'createdAt'
      | 'group'
      | 'launchType'
      | 'attachments'
      | 'healthStatus'
      | 'enableExecuteCommand'
      | 'tags'
    >
  > & {
    lastStatus: TaskStatus
    desiredStatus: 'RUNNING' | 'STOPPED'
    containers: StoredContainer[]
  }

/** The stored task: its wire task and what the server keeps beside it. */
export interface TaskRecord {
  task: StoredTask
  /** The task definition's family (ListTasks `family`). */
  family: string
  /** The instance's id and what the task holds on it; null once given back. */
  instanceId: string
  reserved: TaskResources | null
  /** UpdateTaskProtection's state: expiry in epoch seconds, absent when unprotected. */
  protectedUntil?: number
  /**
   * The essential containers whose definition has a `healthCheck` (their health makes the task's
   * `healthStatus`); absent when there are none.
   */
  healthChecked?: string[]
}

/** The store key of a task reference (ARN or id) in `cluster`, or undefined. */
export function taskId(scope: Scope, cluster: string, reference: string): string | undefined {
  if (!reference.startsWith('arn:')) return /^[0-9a-f]{32}$/.test(reference) ? reference : undefined
  const arn = parseArn(reference)
  if (arn?.account !== scope.account || arn.region !== scope.region) return undefined
  if (arn.resource.type !== 'task' || arn.resource.cluster !== cluster) return undefined
  return arn.resource.id
}

/** True when a stopped task is past the retention time and must read as missing. */
export function expired(record: TaskRecord, retentionMs: number, nowMs: number): boolean {
  const stoppedAt = record.task.stoppedAt
  return stoppedAt !== undefined && stoppedAt * 1000 + retentionMs <= nowMs
}

/** Loads a task of `cluster` by reference; expired tasks read as missing. */
export async function findTask(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  reference: string,
  retentionMs: number,
): Promise<TaskRecord | undefined> {
  const id = taskId(scope, cluster, reference)
  if (id === undefined) return undefined
  const doc = await tx.get<TaskRecord>(scope, 'task', id)
  if (doc?.parent !== cluster || expired(doc.body, retentionMs, Date.now())) return undefined
  return doc.body
}

/** The id part of a task ARN. */
export const idOfTask = (task: { taskArn: string }): string =>
  task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1)

/** Saves a task; `taskJson`, when given, is `record.task` serialised already. */
export async function saveTask(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  record: TaskRecord,
  taskJson?: string,
): Promise<void> {
  const body = taskJson === undefined ? record : new JsonText(recordJson(record, taskJson))
  await tx.put(scope, 'task', idOfTask(record.task), cluster, body)
}

/** The stored JSON of `record`, with its task's JSON given: the same document, task last. */
export function recordJson(record: TaskRecord, taskJson: string): string {
  const rest: Partial<TaskRecord> = { ...record }
  delete rest.task
  const head = JSON.stringify(rest)
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}"task":${taskJson}}`
}

/** The wire Task; tags only when asked for. The record's own task is returned, not a copy. */
export function renderTask(record: TaskRecord, include: readonly string[]): Task {
  if (include.includes('TAGS')) return record.task
  const rest: Task = { ...record.task }
  delete rest.tags
  return rest
}
