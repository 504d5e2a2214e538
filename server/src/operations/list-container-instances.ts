/**
 * ListContainerInstances: by `status` (without it every state but INACTIVE) and `filter` in the
 * cluster query language; paginated by instance id (1-100, default 100).
 */
import type {
  ListContainerInstancesRequest,
  ListContainerInstancesResponse,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import { evaluate, parseQuery } from '../query/index.js'
import { activeCluster } from '../resources/clusters.js'
import { queryTarget, type ContainerInstanceDocument } from '../resources/container-instances.js'
import type { OperationContext } from './context.js'

export function listContainerInstances(
  input: ListContainerInstancesRequest,
  { store, scope }: OperationContext,
): Promise<ListContainerInstancesResponse> {
  const limit = pageSize(input.maxResults, 100)
  const { filter, status } = input
  const parsed = filter === undefined || filter.trim() === '' ? undefined : parseQuery(filter)
  if (parsed && !parsed.ok)
    throw errors.invalidParameter(`Invalid filter expression: ${parsed.message}`)
  const expression = parsed?.value
  return store.transaction(async (tx): Promise<ListContainerInstancesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const filters = { cluster: cluster.clusterName, filter, status }
    let after = decodeToken('ListContainerInstances', filters, input.nextToken)
    const arns: string[] = []
    let lastId: string | undefined
    let more = false
    // Filtering happens after reading, so read in batches until the page is full.
    for (;;) {
      const batch = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
        parent: cluster.clusterName,
        after,
        limit: 200,
      })
      for (const doc of batch) {
        const instance = doc.body
        const statusOk =
          status === undefined ? instance.status !== 'INACTIVE' : instance.status === status
        if (!statusOk || (expression && !evaluate(expression, queryTarget(instance)))) continue
        if (arns.length === limit) {
          more = true
          break
        }
        arns.push(instance.containerInstanceArn)
        lastId = doc.id
      }
      const last = batch[batch.length - 1]
      if (more || batch.length < 200 || !last) break
      after = last.id
    }
    return {
      containerInstanceArns: arns,
      ...(more && lastId !== undefined
        ? { nextToken: encodeToken('ListContainerInstances', filters, lastId) }
        : {}),
    }
  })
}
