/** DescribeClusters: unknown names are `failures` with reason MISSING, never an exception. */
import type {
  Cluster,
  DescribeClustersRequest,
  DescribeClustersResponse,
  Failure,
} from '@quayside/openapi/types'
import { clusterName } from '../arn.js'
import { errors } from '../errors.js'
import { renderCluster, type ClusterDocument } from '../resources/clusters.js'
import type { OperationContext } from './context.js'

export function describeClusters(
  input: DescribeClustersRequest,
  { store, scope }: OperationContext,
): Promise<DescribeClustersResponse> {
  const references = input.clusters ?? ['default']
  if (references.length > 100)
    throw errors.invalidParameter('clusters can name at most 100 clusters.')
  const include = input.include ?? []
  return store.transaction(async (tx): Promise<DescribeClustersResponse> => {
    const clusters: Cluster[] = []
    const failures: Failure[] = []
    for (const reference of references) {
      const name = clusterName(scope, reference)
      const doc =
        (await tx.get<ClusterDocument>(scope, 'cluster', name)) ??
        (await tx.get<ClusterDocument>(scope, 'cluster-inactive', name))
      if (doc) clusters.push(await renderCluster(tx, scope, doc.body, include))
      else
        failures.push({
          arn: reference.startsWith('arn:')
            ? reference
            : `arn:aws:ecs:${scope.region}:${scope.account}:cluster/${reference}`,
          reason: 'MISSING',
        })
    }
    return { clusters, failures }
  })
}
