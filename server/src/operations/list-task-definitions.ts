/**
 * ListTaskDefinitions: revision ARNs by `status` (default ACTIVE) and `familyPrefix` (which ECS
 * treats as a whole family name), ordered by family then revision (`sort` ASC or DESC), paginated
 * (1-100, default 100).
 */
import type {
  ListTaskDefinitionsRequest,
  ListTaskDefinitionsResponse,
} from '@quayside/openapi/types'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { TaskDefinitionRecord } from '../resources/task-definition-records.js'
import type { OperationContext } from './context.js'

const BATCH = 200

export function listTaskDefinitions(
  input: ListTaskDefinitionsRequest,
  { store, scope }: OperationContext,
): Promise<ListTaskDefinitionsResponse> {
  const limit = pageSize(input.maxResults, 100)
  const family = input.familyPrefix
  const status = input.status ?? 'ACTIVE'
  const descending = input.sort === 'DESC'
  const filters = { family, status, descending }
  let cursor = decodeToken('ListTaskDefinitions', filters, input.nextToken)
  return store.transaction(async (tx): Promise<ListTaskDefinitionsResponse> => {
    const arns: string[] = []
    let lastKey: string | undefined
    let more = false
    for (;;) {
      const batch = await tx.list<TaskDefinitionRecord>(scope, 'task-definition', {
        parent: family,
        descending,
        ...(descending ? { before: cursor } : { after: cursor }),
        limit: BATCH,
      })
      for (const doc of batch) {
        if (doc.body.taskDefinition.status !== status) continue
        if (arns.length === limit) {
          more = true
          break
        }
        arns.push(doc.body.taskDefinition.taskDefinitionArn)
        lastKey = doc.id
      }
      const last = batch[batch.length - 1]
      if (more || batch.length < BATCH || !last) break
      cursor = last.id
    }
    return {
      taskDefinitionArns: arns,
      ...(more && lastKey !== undefined
        ? { nextToken: encodeToken('ListTaskDefinitions', filters, lastKey) }
        : {}),
    }
  })
}
