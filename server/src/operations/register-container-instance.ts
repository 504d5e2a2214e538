/**
 * RegisterContainerInstance, as the agent calls it: totalResources, attributes, versionInfo and the
 * EC2 instance identity document (whose instanceId, availabilityZone, instanceType and imageId
 * become `ec2InstanceId` and the ecs.* attributes ECS adds). Given `containerInstanceArn` of an
 * instance already in the cluster, the registration is refreshed in place: the new totals minus
 * what the instance's unstopped tasks still hold (never below zero) become its remainder.
 */
import type {
  Attribute,
  RegisterContainerInstanceRequest,
  RegisterContainerInstanceResponse,
} from '@quayside/openapi/types'
import { newId } from '../arn.js'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import {
  findInstance,
  newInstanceArn,
  renderInstance,
  saveInstance,
  type ContainerInstanceDocument,
} from '../resources/container-instances.js'
import { books, NOTHING_RESERVED } from '../resources/remaining.js'
import { mergeTags } from '../resources/tags.js'
import { tellInstanceChange } from '../services/instance-changes.js'
import { reservedByTasks } from '../tasks/instance-reservations.js'
import { epochSeconds, type OperationContext } from './context.js'

function identity(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text === '') return {}
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>
  } catch {
    // Falls through to the error below.
  }
  throw errors.invalidParameter('instanceIdentityDocument is not a valid JSON identity document.')
}

const IDENTITY_ATTRIBUTES: [string, string][] = [
  ['availabilityZone', 'ecs.availability-zone'],
  ['instanceType', 'ecs.instance-type'],
  ['imageId', 'ecs.ami-id'],
]

export async function registerContainerInstance(
  input: RegisterContainerInstanceRequest,
  { store, scope, runtime }: OperationContext,
): Promise<RegisterContainerInstanceResponse> {
  const document = identity(input.instanceIdentityDocument)
  const resources = input.totalResources ?? []
  for (const r of resources) {
    if (!r.name || !r.type)
      throw errors.invalidParameter('Every totalResources item needs a name and a type.')
  }
  const tags = mergeTags([], input.tags ?? [])
  const attributes = new Map<string, Attribute>()
  for (const [key, name] of IDENTITY_ATTRIBUTES) {
    const value = document[key]
    if (typeof value === 'string') attributes.set(name, { name, value })
  }
  for (const a of input.attributes ?? []) attributes.set(a.name, a)
  const ec2InstanceId =
    typeof document['instanceId'] === 'string' ? document['instanceId'] : undefined
  const versionInfo = input.versionInfo
  let clusterName = ''
  const answer = await store.transaction(async (tx): Promise<RegisterContainerInstanceResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    clusterName = cluster.clusterName
    const existingRef = input.containerInstanceArn
    const existing =
      existingRef === undefined
        ? undefined
        : await findInstance(tx, scope, cluster.clusterName, existingRef)
    if (
      existingRef !== undefined &&
      existing?.status !== 'ACTIVE' &&
      existing?.status !== 'DRAINING'
    ) {
      throw errors.invalidParameter(
        `The container instance ${existingRef} is not registered in this cluster.`,
      )
    }
    const arn =
      existing?.containerInstanceArn ?? newInstanceArn(scope, cluster.clusterName, newId())
    // An agent restarting from saved state re-registers an instance whose tasks may still run:
    // their reservations stay held against the totals it registers now.
    const reserved = existing
      ? await reservedByTasks(tx, scope, cluster.clusterName, arn.slice(arn.lastIndexOf('/') + 1))
      : NOTHING_RESERVED
    const instance: ContainerInstanceDocument = {
      containerInstanceArn: arn,
      ...(ec2InstanceId !== undefined ? { ec2InstanceId } : {}),
      version: (existing?.version ?? 0) + 1,
      ...(versionInfo ? { versionInfo } : {}),
      ...books(resources, reserved),
      registeredResources: resources,
      status: existing?.status ?? 'ACTIVE',
      agentConnected: existing?.agentConnected ?? false,
      agentSession: existing?.agentSession,
      agentLeaseUntil: existing?.agentLeaseUntil,
      runningTasksCount: existing?.runningTasksCount ?? 0,
      pendingTasksCount: existing?.pendingTasksCount ?? 0,
      attributes: [...attributes.values()],
      registeredAt: existing?.registeredAt ?? epochSeconds(),
      attachments: [],
      tags: tags.length > 0 ? tags : (existing?.tags ?? []),
    }
    await saveInstance(tx, scope, cluster.clusterName, instance)
    return { containerInstance: renderInstance(instance, ['TAGS']) }
  })
  tellInstanceChange(runtime, scope, clusterName)
  return answer
}
