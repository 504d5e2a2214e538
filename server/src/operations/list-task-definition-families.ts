/**
 * ListTaskDefinitionFamilies: family names starting with `familyPrefix`, by `status`: ACTIVE
 * (default; families with an ACTIVE revision), INACTIVE (families without one) or ALL. Paginated
 * (1-100, default 100).
 */
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { FamilyDocument } from '../resources/task-definition-families.js'
import type { OperationHandler } from './context.js'
import { num, str } from './input.js'

const BATCH = 500

export const listTaskDefinitionFamilies: OperationHandler = (input, { store, scope }) => {
  const limit = pageSize(num(input, 'maxResults'), 100)
  const prefix = str(input, 'familyPrefix')
  const status = str(input, 'status') ?? 'ACTIVE'
  const filters = { prefix, status }
  let after = decodeToken('ListTaskDefinitionFamilies', filters, str(input, 'nextToken'))
  const wanted = (f: FamilyDocument) =>
    status === 'ALL' ? true : status === 'ACTIVE' ? f.active > 0 : f.active === 0
  return store.transaction(async tx => {
    const families: string[] = []
    let more = false
    for (;;) {
      const batch = await tx.list<FamilyDocument>(scope, 'task-definition-family', {
        prefix,
        after,
        limit: BATCH,
      })
      for (const doc of batch) {
        if (!wanted(doc.body)) continue
        if (families.length === limit) {
          more = true
          break
        }
        families.push(doc.id)
      }
      const last = batch[batch.length - 1]
      if (more || batch.length < BATCH || !last) break
      after = last.id
    }
    const last = families[families.length - 1]
    return {
      families,
      ...(more && last !== undefined
        ? { nextToken: encodeToken('ListTaskDefinitionFamilies', filters, last) }
        : {}),
    }
  })
}
