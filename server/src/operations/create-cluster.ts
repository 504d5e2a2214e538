/** CreateCluster: idempotent by name; a name held by an INACTIVE cluster is reused. */
import { clusterArn } from '../arn.js'
import { errors } from '../errors.js'
import {
  NAME_PATTERN,
  checkClusterSettings,
  renderCluster,
  saveCluster,
  type ClusterDocument,
  type Tag,
} from '../resources/clusters.js'
import { mergeTags } from '../resources/tags.js'
import type { OperationHandler } from './context.js'
import { object, objects, str, strings } from './input.js'

export const createCluster: OperationHandler = (input, { store, scope }) => {
  const name = str(input, 'clusterName') ?? 'default'
  if (!NAME_PATTERN.test(name)) {
    throw errors.invalidParameter(
      'Cluster name can have up to 255 characters: letters (upper and lower case), numbers, underscores and hyphens.',
    )
  }
  const settings = objects<{ name?: string; value?: string }>(input, 'settings') ?? []
  checkClusterSettings(settings)
  const tags = mergeTags([], objects<Tag>(input, 'tags') ?? [])
  return store.transaction(async tx => {
    const existing = await tx.get<ClusterDocument>(scope, 'cluster', name)
    // ECS answers an existing ACTIVE cluster unchanged rather than failing.
    if (existing) return { cluster: await renderCluster(tx, scope, existing.body, 'everything') }
    await tx.delete(scope, 'cluster-inactive', name)
    const configuration = object(input, 'configuration')
    const namespace = object<{ namespace?: string }>(input, 'serviceConnectDefaults')?.namespace
    const cluster: ClusterDocument = {
      clusterArn: clusterArn(scope, name),
      clusterName: name,
      status: 'ACTIVE',
      tags,
      settings: settings.length > 0 ? settings : [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: strings(input, 'capacityProviders') ?? [],
      defaultCapacityProviderStrategy: objects(input, 'defaultCapacityProviderStrategy') ?? [],
      ...(configuration ? { configuration } : {}),
      ...(namespace !== undefined ? { serviceConnectDefaults: { namespace } } : {}),
    }
    await saveCluster(tx, scope, cluster)
    return { cluster: await renderCluster(tx, scope, cluster, 'everything') }
  })
}
