/**
 * Task definitions as stored: one `task-definition` document per revision, keyed
 * `<family> <revision padded to 10 digits>` so that byte order is family, then revision (a space
 * sorts before every character a family may hold), with parent = family. Revision numbers come
 * from a per-family counter, so they only go up and are never reused, even after deletion.
 */
import { parseArn } from '../arn.js'
import { errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'
import type { Tag, TaskDefinition } from '@quayside/openapi/types'

/**
 * A registered revision as stored and answered: the spec's TaskDefinition with the members
 * registration always gives it (../task-definitions/normalize.ts and RegisterTaskDefinition).
 */
export type RegisteredTaskDefinition = TaskDefinition &
  Required<
    Pick<
      TaskDefinition,
      | 'taskDefinitionArn'
      | 'containerDefinitions'
      | 'family'
      | 'revision'
      | 'status'
      | 'requiresAttributes'
      | 'compatibilities'
      | 'registeredAt'
      | 'registeredBy'
    >
  >

/** The stored revision: the wire TaskDefinition and its tags. */
export interface TaskDefinitionRecord {
  taskDefinition: RegisteredTaskDefinition
  tags: Tag[]
}

/** The store key of a revision. */
export const revisionKey = (family: string, revision: number) =>
  `${family} ${String(revision).padStart(10, '0')}`

/** The revision counter of a family. */
export const revisionCounter = (family: string) => `task-definition-revision:${family}`

/** A parsed task definition reference: `family`, `family:revision` or an ARN. */
export type TaskDefinitionReference = { family: string; revision?: number | undefined } | undefined

/** Parses a reference; undefined when it cannot name a task definition of this scope. */
export function parseReference(scope: Scope, text: string): TaskDefinitionReference {
  if (text.startsWith('arn:')) {
    const arn = parseArn(text)
    if (
      arn?.resource.type !== 'task-definition' ||
      arn.account !== scope.account ||
      arn.region !== scope.region
    ) {
      return undefined
    }
    return { family: arn.resource.family, revision: arn.resource.revision }
  }
  const m = /^([A-Za-z0-9_-]{1,255})(?::(\d{1,10}))?$/.exec(text)
  if (!m?.[1]) return undefined
  return { family: m[1], revision: m[2] === undefined ? undefined : Number(m[2]) }
}

/**
 * Finds the revision a reference names. Without a revision: the latest ACTIVE one. With one: that
 * revision whatever its status (ECS describes INACTIVE revisions by number).
 */
export async function findTaskDefinition(
  tx: Transaction,
  scope: Scope,
  text: string,
): Promise<TaskDefinitionRecord | undefined> {
  const reference = parseReference(scope, text)
  if (!reference) return undefined
  if (reference.revision !== undefined) {
    const doc = await tx.get<TaskDefinitionRecord>(
      scope,
      'task-definition',
      revisionKey(reference.family, reference.revision),
    )
    return doc?.body
  }
  // By key prefix, newest first, a page at a time: the primary key serves this range directly,
  // where a filter on parent could make SQLite walk every task definition of the account.
  let before: string | undefined
  for (;;) {
    const page = await tx.list<TaskDefinitionRecord>(scope, 'task-definition', {
      prefix: `${reference.family} `,
      before,
      descending: true,
      limit: 10,
    })
    const active = page.find(d => d.body.taskDefinition.status === 'ACTIVE')
    if (active) return active.body
    const last = page[page.length - 1]
    if (page.length < 10 || !last) return undefined
    before = last.id
  }
}

/**
 * Resolves a reference to an ACTIVE revision's ARN, or throws ClientException as ECS does (for an
 * unknown reference and for an INACTIVE revision).
 */
export async function activeTaskDefinitionArn(
  tx: Transaction,
  scope: Scope,
  reference: string,
): Promise<string> {
  const found = await findTaskDefinition(tx, scope, reference)
  if (!found) throw errors.client('Unable to describe task definition.')
  if (found.taskDefinition.status !== 'ACTIVE')
    throw errors.client(`TaskDefinition is inactive: ${found.taskDefinition.taskDefinitionArn}`)
  return found.taskDefinition.taskDefinitionArn
}

/** Saves a revision. */
export async function saveTaskDefinition(
  tx: Transaction,
  scope: Scope,
  record: TaskDefinitionRecord,
): Promise<void> {
  const { family, revision } = record.taskDefinition
  await tx.put(scope, 'task-definition', revisionKey(family, revision), family, record)
}
