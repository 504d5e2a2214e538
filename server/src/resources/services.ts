/**
 * Services as stored: one `service` document per service, keyed `<cluster>/<name>` with parent =
 * cluster name. The body is the wire `Service` without its computed members: `runningCount` and
 * `pendingCount` (of the service and of each deployment) are derived from the tasks whenever the
 * service is rendered. A deleted service is DRAINING while tasks of it remain, then INACTIVE.
 */
import { randomInt } from 'node:crypto'
import { parseArn } from '../arn.js'
import { errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'
import type { Tag } from './clusters.js'
import type { TaskRecord } from './tasks.js'

/** A deployment of a service (wire `Deployment`, counts computed). */
export interface Deployment {
  id: string
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE'
  taskDefinition: string
  desiredCount: number
  failedTasks: number
  createdAt: number
  updatedAt: number
  launchType: string
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
  rolloutStateReason: string
  networkConfiguration?: Record<string, unknown>
}

/** The stored service (wire members that are not computed). */
export interface ServiceDocument {
  serviceArn: string
  serviceName: string
  clusterArn: string
  loadBalancers: unknown[]
  serviceRegistries: unknown[]
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
  desiredCount: number
  launchType: string
  taskDefinition: string
  deploymentConfiguration: Record<string, unknown>
  deployments: Deployment[]
  events: { id: string; createdAt: number; message: string }[]
  createdAt: number
  placementConstraints: unknown[]
  placementStrategy: unknown[]
  networkConfiguration?: Record<string, unknown>
  healthCheckGracePeriodSeconds?: number
  schedulingStrategy: 'REPLICA' | 'DAEMON'
  deploymentController: { type: string }
  tags: Tag[]
  createdBy: string
  enableECSManagedTags: boolean
  propagateTags: string
  enableExecuteCommand: boolean
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED'
  serviceConnectConfiguration?: { enabled?: boolean; namespace?: string }
  roleArn?: string
}

/** The store key of a service. */
export const serviceKey = (cluster: string, name: string) => `${cluster}/${name}`

/** A service reference (name or ARN) -> its name, or undefined when it cannot name one here. */
export function serviceName(scope: Scope, cluster: string, reference: string): string | undefined {
  if (!reference.startsWith('arn:')) return reference
  const arn = parseArn(reference)
  if (arn?.account !== scope.account || arn.region !== scope.region) return undefined
  if (arn.resource.type !== 'service' || arn.resource.cluster !== cluster) return undefined
  return arn.resource.name
}

/** Loads a service (any status) of `cluster` by reference. */
export async function findService(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  reference: string,
): Promise<ServiceDocument | undefined> {
  const name = serviceName(scope, cluster, reference)
  if (name === undefined) return undefined
  return (await tx.get<ServiceDocument>(scope, 'service', serviceKey(cluster, name)))?.body
}

/** Loads an ACTIVE service or throws ServiceNotFound / ServiceNotActive, as ECS does. */
export async function activeService(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  reference: string,
): Promise<ServiceDocument> {
  const service = await findService(tx, scope, cluster, reference)
  if (!service) throw errors.serviceNotFound()
  if (service.status !== 'ACTIVE') throw errors.serviceNotActive()
  return service
}

/** Saves a service. */
export async function saveService(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  service: ServiceDocument,
): Promise<void> {
  await tx.put(scope, 'service', serviceKey(cluster, service.serviceName), cluster, service)
}

/** A new deployment id: `ecs-svc/` and 19 digits, as ECS writes them. */
export function newDeploymentId(): string {
  const digits = Array.from({ length: 19 }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join('')
  return `ecs-svc/${digits}`
}

/** The tasks of a service that have not stopped (group `service:<name>`). */
export async function serviceTasks(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  name: string,
): Promise<TaskRecord[]> {
  const docs = await tx.list<TaskRecord>(scope, 'task', { parent: cluster })
  return docs
    .map(d => d.body)
    .filter(r => r.task.group === `service:${name}` && r.task.lastStatus !== 'STOPPED')
}

const counts = (tasks: readonly TaskRecord[]) => ({
  runningCount: tasks.filter(r => r.task.lastStatus === 'RUNNING').length,
  pendingCount: tasks.filter(r => r.task.lastStatus === 'PENDING').length,
})

/**
 * The wire Service: counts derived from `tasks` (the service's tasks that have not stopped;
 * a deployment's are those whose `startedBy` is its id); tags only when asked for.
 */
export function renderService(
  service: ServiceDocument,
  tasks: readonly TaskRecord[],
  include: readonly string[],
): object {
  const { tags, deployments, ...rest } = service
  return {
    ...rest,
    ...counts(tasks),
    deployments: deployments.map(d => ({
      ...d,
      ...counts(tasks.filter(r => r.task.startedBy === d.id)),
    })),
    ...(include.includes('TAGS') ? { tags } : {}),
  }
}
