/**
 * Container instances as stored: one `container-instance` document per instance, keyed by its
 * 32-hex id, parent = cluster name. The body is the wire `ContainerInstance`; `remainingResources`
 * is kept in the same document so that placement reserves resources in the same transaction that
 * creates a task. Deregistered instances stay, INACTIVE, for Describe.
 */
import { containerInstanceArn, parseArn } from '../arn.js'
import type { QueryTarget } from '../query/index.js'
import type { Scope, Transaction } from '../store/index.js'
import type { ContainerInstance } from '@quayside/openapi/types'
import type { Reserved } from './remaining.js'

/**
 * The stored container instance: the wire `ContainerInstance` with the members this server always
 * sets required, plus members of its own that never go on the wire (see {@link renderInstance}).
 */
export type ContainerInstanceDocument = ContainerInstance &
  Required<
    Pick<
      ContainerInstance,
      | 'containerInstanceArn'
      | 'version'
      | 'remainingResources'
      | 'registeredResources'
      | 'runningTasksCount'
      | 'pendingTasksCount'
      | 'attributes'
      | 'registeredAt'
      | 'attachments'
      | 'tags'
    >
  > &
  InstanceBookkeeping

/** The members of {@link ContainerInstanceDocument} that are ours or narrower than the wire's. */
interface InstanceBookkeeping {
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
  /**
   * As stored by the replica holding the agent's channel; read it through
   * {@link agentConnectedNow}, which also honours the lease below.
   */
  agentConnected: boolean
  /**
   * Not on the wire: the channel connection that set `agentConnected` (a random id per
   * connection), so that only that connection's close clears it.
   */
  agentSession?: string | undefined
  /**
   * Not on the wire: until when (epoch milliseconds) `agentConnected: true` holds without renewal.
   * The replica holding the channel renews it every heartbeat interval; a replica that crashed
   * stops renewing, and its agents then read as disconnected. Absent: the stored flag is the truth.
   */
  agentLeaseUntil?: number | undefined
  /**
   * Not on the wire: the sum of the reservations of the tasks placed here that have not stopped.
   * `remainingResources` is always derived from it and `registeredResources`
   * (`remainingOf` in ./remaining.ts); absent in documents written before it was kept.
   */
  reserved?: Reserved | undefined
}

/** A reference (id or ARN) -> the id it names, or undefined when it cannot name one here. */
export function instanceId(scope: Scope, cluster: string, reference: string): string | undefined {
  if (!reference.startsWith('arn:'))
    return /^[0-9a-f]{32}$|^[0-9a-f-]{36}$/.test(reference) ? reference : undefined
  const arn = parseArn(reference)
  if (arn?.account !== scope.account || arn.region !== scope.region) return undefined
  if (arn.resource.type !== 'container-instance' || arn.resource.cluster !== cluster)
    return undefined
  return arn.resource.id
}

/** Loads an instance of `cluster` by reference (INACTIVE ones included). */
export async function findInstance(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  reference: string,
): Promise<ContainerInstanceDocument | undefined> {
  const id = instanceId(scope, cluster, reference)
  if (id === undefined) return undefined
  const doc = await tx.get<ContainerInstanceDocument>(scope, 'container-instance', id)
  return doc && doc.parent === cluster ? doc.body : undefined
}

/** Saves an instance. */
export async function saveInstance(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  instance: ContainerInstanceDocument,
): Promise<void> {
  const id = instance.containerInstanceArn.slice(instance.containerInstanceArn.lastIndexOf('/') + 1)
  await tx.put(scope, 'container-instance', id, cluster, instance)
}

/** The ARN of a new instance. */
export const newInstanceArn = containerInstanceArn

/** Whether the agent counts as connected at `now`: the stored flag within its lease. */
export function agentConnectedNow(instance: ContainerInstanceDocument, now = Date.now()): boolean {
  return (
    instance.agentConnected &&
    (instance.agentLeaseUntil === undefined || now <= instance.agentLeaseUntil)
  )
}

/** The wire ContainerInstance; tags only when asked for. */
export function renderInstance(
  instance: ContainerInstanceDocument,
  include: readonly string[],
): ContainerInstance {
  const { tags, ...rest } = instance
  const wire: Omit<ContainerInstanceDocument, 'tags'> = {
    ...rest,
    agentConnected: agentConnectedNow(instance),
  }
  delete wire.agentSession
  delete wire.agentLeaseUntil
  delete wire.reserved
  return include.includes('TAGS') ? { ...wire, tags } : wire
}

/** How the cluster query language sees an instance. */
export function queryTarget(instance: ContainerInstanceDocument): QueryTarget {
  const agentVersion = instance.versionInfo?.['agentVersion']
  return {
    agentConnected: agentConnectedNow(instance),
    agentVersion: typeof agentVersion === 'string' ? agentVersion : undefined,
    ec2InstanceId: instance.ec2InstanceId,
    registeredAt: new Date(instance.registeredAt * 1000),
    runningTasksCount: instance.runningTasksCount,
    attributes: new Map(instance.attributes.map(a => [a.name, a.value])),
    taskGroups: [],
  }
}
