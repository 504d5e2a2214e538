/**
 * Task definition families: one `task-definition-family` document per family ever registered
 * (families are never freed), counting its ACTIVE revisions so ListTaskDefinitionFamilies can
 * answer by status without reading every revision.
 */
import type { Scope, Transaction } from '../store/index.js'

/** The stored family. */
export interface FamilyDocument {
  family: string
  active: number
}

/** Adds `change.active` (+1 on register, -1 on deregister) to the family's count. */
export async function bumpFamily(
  tx: Transaction,
  scope: Scope,
  family: string,
  change: { active: number },
): Promise<void> {
  const doc = await tx.get<FamilyDocument>(scope, 'task-definition-family', family)
  const body: FamilyDocument = {
    family,
    active: Math.max(0, (doc?.body.active ?? 0) + change.active),
  }
  await tx.put(scope, 'task-definition-family', family, '', body)
}
