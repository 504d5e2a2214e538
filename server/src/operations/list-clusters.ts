/** ListClusters: ARNs of the ACTIVE clusters, by name, paginated (1-100, default 100). */
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { ListClustersRequest, ListClustersResponse } from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function listClusters(
  input: ListClustersRequest,
  { store, scope }: OperationContext,
): Promise<ListClustersResponse> {
  const limit = pageSize(input.maxResults, 100)
  const after = decodeToken('ListClusters', {}, input.nextToken)
  return store.transaction(async (tx): Promise<ListClustersResponse> => {
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
