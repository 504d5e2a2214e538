/** ListClusters: ARNs of the ACTIVE clusters, by name, paginated (1-100, default 100). */
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { OperationHandler } from './context.js'
import { num, str } from './input.js'

export const listClusters: OperationHandler = (input, { store, scope }) => {
  const limit = pageSize(num(input, 'maxResults'), 100)
  const after = decodeToken('ListClusters', {}, str(input, 'nextToken'))
  return store.transaction(async tx => {
    const docs = await tx.list<{ clusterArn: string }>(scope, 'cluster', {
      after,
      limit: limit + 1,
    })
    const page = docs.slice(0, limit)
    const last = page[page.length - 1]
    return {
      clusterArns: page.map(d => d.body.clusterArn),
      ...(docs.length > limit && last
        ? { nextToken: encodeToken('ListClusters', {}, last.id) }
        : {}),
    }
  })
}
