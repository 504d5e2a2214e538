/**
 * Task changes between replicas that share one PostgreSQL database. Each replica publishes a
 * notice (through the store's LISTEN/NOTIFY) for every task change it committed, naming the task
 * and its instance; every other replica reads the task from the store and delivers it to the
 * agent when it holds that agent's channel. Notices carry ids, never the task: NOTIFY payloads
 * are small, and the store stays the one source of truth.
 */
import type { TaskChangeEvent } from '../events.js'
import { idOfTask } from '../resources/tasks.js'

/** A committed task change as published: who sent it and which task on which instance. */
export interface ChangeNotice {
  /** The publishing replica (a random id per server), so it can skip its own notices. */
  readonly origin: string
  readonly account: string
  readonly region: string
  readonly cluster: string
  readonly instanceId: string
  readonly taskId: string
  readonly change: TaskChangeEvent['change']
}

const CHANGES = new Set<unknown>(['created', 'desired', 'reported'])

/** The notice of `event`, as text. */
export function encodeNotice(origin: string, event: TaskChangeEvent): string {
  const notice: ChangeNotice = {
    origin,
    account: event.scope.account,
    region: event.scope.region,
    cluster: event.cluster,
    instanceId: event.record.instanceId,
    taskId: idOfTask(event.record.task),
    change: event.change,
  }
  return JSON.stringify(notice)
}

/** A notice read back, or undefined for text that is not one (another version, garbage). */
export function parseNotice(text: string): ChangeNotice | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // Not JSON: not ours to read.
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const fields = ['origin', 'account', 'region', 'cluster', 'instanceId', 'taskId']
  if (!fields.every(f => typeof v[f] === 'string') || !CHANGES.has(v['change'])) return undefined
  return value as ChangeNotice
}
