/** DescribeClusters: unknown names are `failures` with reason MISSING, never an exception. */
import { clusterName } from '../arn.js'
import { errors } from '../errors.js'
import { renderCluster, type ClusterDocument } from '../resources/clusters.js'
import type { OperationHandler } from './context.js'
import { strings } from './input.js'

export const describeClusters: OperationHandler = (input, { store, scope }) => {
  const references = strings(input, 'clusters') ?? ['default']
  if (references.length > 100)
    throw errors.invalidParameter('clusters can name at most 100 clusters.')
  const include = strings(input, 'include') ?? []
  return store.transaction(async tx => {
    const clusters: Record<string, unknown>[] = []
    const failures: { arn: string; reason: string }[] = []
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
