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
import type { Deployment, Service, ServiceConnectConfiguration } from '@quayside/openapi/types'
import type { TaskRecord } from './tasks.js'

/** A deployment as stored: the wire Deployment without its counts, which are computed. */
export type StoredDeployment = Omit<Deployment, 'status'> &
  Required<
    Pick<
      Deployment,
      | 'id'
      | 'taskDefinition'
      | 'desiredCount'
      | 'failedTasks'
      | 'createdAt'
      | 'updatedAt'
      | 'launchType'
      | 'rolloutState'
      | 'rolloutStateReason'
    >
  > & { status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE' }

/**
 * The stored service: the wire Service without its computed counts, plus one member of our own,
 * the Service Connect configuration it was given (answered in each deployment).
 */
export type ServiceDocument = Omit<Service, 'status' | 'deployments'> &
  Required<
    Pick<
      Service,
      | 'serviceArn'
      | 'serviceName'
      | 'clusterArn'
      | 'loadBalancers'
      | 'serviceRegistries'
      | 'desiredCount'
      | 'launchType'
      | 'taskDefinition'
      | 'deploymentConfiguration'
      | 'events'
      | 'createdAt'
      | 'placementConstraints'
      | 'placementStrategy'
      | 'schedulingStrategy'
      | 'deploymentController'
      | 'tags'
      | 'createdBy'
      | 'enableECSManagedTags'
      | 'propagateTags'
      | 'enableExecuteCommand'
      | 'availabilityZoneRebalancing'
    >
  > & {
    status: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
    deployments: StoredDeployment[]
    serviceConnectConfiguration?: ServiceConnectConfiguration
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
 * a deployment's are those whose `startedBy` is its id); tags only when asked for. The Service
 * Connect configuration is a member of each Deployment on the wire, not of the Service.
 */
export function renderService(
  service: ServiceDocument,
  tasks: readonly TaskRecord[],
  include: readonly string[],
): Service {
  const { tags, deployments, serviceConnectConfiguration, ...rest } = service
  return {
    ...rest,
    ...counts(tasks),
    deployments: deployments.map(d => ({
      ...d,
      ...(serviceConnectConfiguration ? { serviceConnectConfiguration } : {}),
      ...counts(tasks.filter(r => r.task.startedBy === d.id)),
    })),
    ...(include.includes('TAGS') ? { tags } : {}),
  }
}
