/**
 * Clusters as stored: one `cluster` document per ACTIVE cluster, keyed by name. DeleteCluster moves
 * the document to `cluster-inactive`, where DescribeClusters still finds it and CreateCluster
 * replaces it; List and every other operation see only ACTIVE clusters.
 */
import type { Cluster, ClusterField, ClusterSetting } from '@quayside/openapi/types'
import { clusterName } from '../arn.js'
import { errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'

/** The stored cluster: the wire `Cluster` members that are not computed, the first six always set. */
export type ClusterDocument = Required<
  Pick<
    Cluster,
    | 'clusterArn'
    | 'clusterName'
    | 'tags'
    | 'settings'
    | 'capacityProviders'
    | 'defaultCapacityProviderStrategy'
  >
> &
  Pick<Cluster, 'configuration' | 'serviceConnectDefaults'> & { status: 'ACTIVE' | 'INACTIVE' }

/** Loads the ACTIVE cluster a reference (name, ARN or nothing for `default`) names, or throws. */
export async function activeCluster(
  tx: Transaction,
  scope: Scope,
  reference: string | undefined,
): Promise<ClusterDocument> {
  const doc = await tx.get<ClusterDocument>(scope, 'cluster', clusterName(scope, reference))
  if (!doc) throw errors.clusterNotFound()
  return doc.body
}

/** Saves an ACTIVE cluster. */
export async function saveCluster(
  tx: Transaction,
  scope: Scope,
  cluster: ClusterDocument,
): Promise<void> {
  await tx.put(scope, 'cluster', cluster.clusterName, '', cluster)
}

/**
 * The wire `Cluster`: counters computed from the store, optional parts as `include` asks.
 * `everything` is for Create/Update/Delete responses, which return what the caller set.
 */
export async function renderCluster(
  tx: Transaction,
  scope: Scope,
  cluster: ClusterDocument,
  include: readonly ClusterField[] | 'everything',
): Promise<Cluster> {
  const wants = (what: ClusterField) => include === 'everything' || include.includes(what)
  const active = cluster.status === 'ACTIVE'
  const docs = active
    ? await tx.list<{ status: string; runningTasksCount: number; pendingTasksCount: number }>(
        scope,
        'container-instance',
        { parent: cluster.clusterName },
      )
    : []
  const live = docs.filter(d => d.body.status !== 'INACTIVE')
  const instances = live.length
  // Instances keep their tasks' counts, so the cluster's are their sums (no scan of the tasks).
  const runningTasksCount = live.reduce((n, d) => n + d.body.runningTasksCount, 0)
  const pendingTasksCount = live.reduce((n, d) => n + d.body.pendingTasksCount, 0)
  const services = active
    ? await tx.list<{ status: string }>(scope, 'service', { parent: cluster.clusterName })
    : []
  const activeServicesCount = services.filter(d => d.body.status === 'ACTIVE').length
  const out: Cluster = {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    registeredContainerInstancesCount: instances,
    runningTasksCount,
    pendingTasksCount,
    activeServicesCount,
    statistics: [],
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
  }
  if (wants('TAGS')) out.tags = cluster.tags
  if (wants('SETTINGS')) out.settings = cluster.settings
  if (wants('CONFIGURATIONS') && cluster.configuration) out.configuration = cluster.configuration
  if (wants('ATTACHMENTS')) out.attachments = []
  if (cluster.serviceConnectDefaults) out.serviceConnectDefaults = cluster.serviceConnectDefaults
  if (include !== 'everything' && wants('STATISTICS')) {
    out.statistics = [
      'runningEC2TasksCount',
      'runningFargateTasksCount',
      'pendingEC2TasksCount',
      'pendingFargateTasksCount',
      'activeEC2ServiceCount',
      'activeFargateServiceCount',
      'drainingEC2ServiceCount',
      'drainingFargateServiceCount',
    ].map(name => ({ name, value: '0' }))
  }
  return out
}

/** Container instances counted by `registeredContainerInstancesCount` (ACTIVE and DRAINING). */
export async function activeInstanceCount(
  tx: Transaction,
  scope: Scope,
  cluster: string,
): Promise<number> {
  const docs = await tx.list<{ status: string }>(scope, 'container-instance', { parent: cluster })
  return docs.filter(d => d.body.status !== 'INACTIVE').length
}

/** ECS's rule for cluster (and family, container, service) names. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/

/** Applies ECS's cluster setting rule: only `containerInsights` with enabled/disabled/enhanced. */
export function checkClusterSettings(settings: readonly ClusterSetting[]): void {
  for (const setting of settings) {
    if (setting.name !== 'containerInsights') {
      throw errors.invalidParameter(`Unsupported cluster setting name: ${String(setting.name)}`)
    }
    if (!['enabled', 'disabled', 'enhanced'].includes(setting.value ?? '')) {
      throw errors.invalidParameter(
        `Invalid value for containerInsights: ${String(setting.value)}. Valid values: enabled, disabled, enhanced.`,
      )
    }
  }
}

/** Merges settings by name, later ones winning. */
export function mergeSettings(
  current: readonly ClusterSetting[],
  changes: readonly ClusterSetting[],
): ClusterSetting[] {
  const byName = new Map(current.map(s => [s.name, s]))
  for (const s of changes) byName.set(s.name, s)
  return [...byName.values()]
}
