/**
 * ListTaskDefinitionFamilies: family names starting with `familyPrefix`, by `status`: ACTIVE
 * (default; families with an ACTIVE revision), INACTIVE (families without one) or ALL. Paginated
 * (1-100, default 100).
 */
import type {
  ListTaskDefinitionFamiliesRequest,
  ListTaskDefinitionFamiliesResponse,
} from '@quayside/openapi/types'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { FamilyDocument } from '../resources/task-definition-families.js'
import type { OperationContext } from './context.js'

const BATCH = 500

export function listTaskDefinitionFamilies(
  input: ListTaskDefinitionFamiliesRequest,
  { store, scope }: OperationContext,
): Promise<ListTaskDefinitionFamiliesResponse> {
  const limit = pageSize(input.maxResults, 100)
  const prefix = input.familyPrefix
  const status = input.status ?? 'ACTIVE'
  const filters = { prefix, status }
  let after = decodeToken('ListTaskDefinitionFamilies', filters, input.nextToken)
  const wanted = (f: FamilyDocument) =>
    status === 'ALL' ? true : status === 'ACTIVE' ? f.active > 0 : f.active === 0
  return store.transaction(async (tx): Promise<ListTaskDefinitionFamiliesResponse> => {
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
