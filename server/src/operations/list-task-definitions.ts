/**
 * ListTaskDefinitions: revision ARNs by `status` (default ACTIVE) and `familyPrefix` (which ECS
 * treats as a whole family name), ordered by family then revision (`sort` ASC or DESC), paginated
 * (1-100, default 100).
 */
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { TaskDefinitionRecord } from '../resources/task-definition-records.js'
import type { OperationHandler } from './context.js'
import { num, str } from './input.js'

const BATCH = 200

export const listTaskDefinitions: OperationHandler = (input, { store, scope }) => {
  const limit = pageSize(num(input, 'maxResults'), 100)
  const family = str(input, 'familyPrefix')
  const status = str(input, 'status') ?? 'ACTIVE'
  const descending = str(input, 'sort') === 'DESC'
  const filters = { family, status, descending }
  let cursor = decodeToken('ListTaskDefinitions', filters, str(input, 'nextToken'))
  return store.transaction(async tx => {
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
