/** CreateCluster: idempotent by name; a name held by an INACTIVE cluster is reused. */
import type { CreateClusterRequest, CreateClusterResponse } from '@quayside/openapi/types'
import { clusterArn } from '../arn.js'
import { errors } from '../errors.js'
import {
  NAME_PATTERN,
  checkClusterSettings,
  renderCluster,
  saveCluster,
  type ClusterDocument,
} from '../resources/clusters.js'
import { mergeTags } from '../resources/tags.js'
import type { OperationContext } from './context.js'

export function createCluster(
  input: CreateClusterRequest,
  { store, scope }: OperationContext,
): Promise<CreateClusterResponse> {
  const name = input.clusterName ?? 'default'
  if (!NAME_PATTERN.test(name)) {
    throw errors.invalidParameter(
      'Cluster name can have up to 255 characters: letters (upper and lower case), numbers, underscores and hyphens.',
    )
  }
  const settings = input.settings ?? []
  checkClusterSettings(settings)
  const tags = mergeTags([], input.tags ?? [])
  return store.transaction(async (tx): Promise<CreateClusterResponse> => {
    const existing = await tx.get<ClusterDocument>(scope, 'cluster', name)
    // ECS answers an existing ACTIVE cluster unchanged rather than failing.
    if (existing) return { cluster: await renderCluster(tx, scope, existing.body, 'everything') }
    await tx.delete(scope, 'cluster-inactive', name)
    const configuration = input.configuration
    const namespace = input.serviceConnectDefaults?.namespace
    const cluster: ClusterDocument = {
      clusterArn: clusterArn(scope, name),
      clusterName: name,
      status: 'ACTIVE',
      tags,
      settings: settings.length > 0 ? settings : [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: input.capacityProviders ?? [],
      defaultCapacityProviderStrategy: input.defaultCapacityProviderStrategy ?? [],
      ...(configuration ? { configuration } : {}),
      ...(namespace !== undefined ? { serviceConnectDefaults: { namespace } } : {}),
    }
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
