/**
 * CreateService (a record; the loop that acts on services is a later issue): ECS's defaults
 * (REPLICA with deployment configuration 100/200, DAEMON 0/100; the ECS deployment controller;
 * AZ rebalancing ENABLED), one PRIMARY deployment `ecs-svc/<19 digits>`, placement constraints and
 * strategies checked as RunTask checks them. A name in use by an ACTIVE or DRAINING service is
 * refused ("not idempotent"); an INACTIVE one is replaced.
 */
import { errors } from '../errors.js'
import { activeCluster, NAME_PATTERN, type Tag } from '../resources/clusters.js'
import {
  findService,
  newDeploymentId,
  renderService,
  saveService,
  serviceTasks,
  type ServiceDocument,
} from '../resources/services.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import { checkTags, mergeTags } from '../resources/tags.js'
import { parseConstraints, parseStrategies } from '../scheduler/index.js'
import type { WireConstraint, WireStrategy } from '../scheduler/placement-strategy.js'
import type { Transaction } from '../store/index.js'
import type { Scope } from '../store/index.js'
import { epochSeconds, type OperationHandler } from './context.js'
import { bool, num, object, objects, str } from './input.js'

/** Resolves an ACTIVE task definition to its ARN, or throws ClientException as ECS does. */
export async function activeTaskDefinitionArn(
  tx: Transaction,
  scope: Scope,
  reference: string,
): Promise<string> {
  const found = await findTaskDefinition(tx, scope, reference)
  if (!found) throw errors.client('Unable to describe task definition.')
  if (found.taskDefinition.status !== 'ACTIVE')
    throw errors.client(`TaskDefinition is inactive: ${found.taskDefinition.taskDefinitionArn}`)
  return found.taskDefinition.taskDefinitionArn
}

/** Checks a deployment configuration for the strategy and fills ECS's defaults. */
export function deploymentConfiguration(
  given: Record<string, unknown> | undefined,
  strategy: 'REPLICA' | 'DAEMON',
): Record<string, unknown> {
  const defaults = strategy === 'DAEMON' ? [0, 100] : [100, 200]
  const out: Record<string, unknown> = {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: defaults[1],
    minimumHealthyPercent: defaults[0],
    ...given,
  }
  const max = out['maximumPercent']
  const min = out['minimumHealthyPercent']
  if (typeof max !== 'number' || typeof min !== 'number' || min < 0 || max < 0 || min > max)
    throw errors.invalidParameter(
      'minimumHealthyPercent must be between 0 and maximumPercent in deploymentConfiguration.',
    )
  if (strategy === 'DAEMON' && max !== 100)
    throw errors.invalidParameter('The maximumPercent of a DAEMON service must be 100.')
  return out
}

export const createService: OperationHandler = async (input, { store, scope, principalArn }) => {
  const name = str(input, 'serviceName') ?? ''
  if (!NAME_PATTERN.test(name))
    throw errors.invalidParameter(
      'serviceName can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    )
  const strategy = str(input, 'schedulingStrategy') === 'DAEMON' ? 'DAEMON' : 'REPLICA'
  const given = num(input, 'desiredCount')
  if (strategy === 'REPLICA' && given === undefined)
    throw errors.invalidParameter('desiredCount is required for the REPLICA scheduling strategy.')
  if (given !== undefined && (!Number.isInteger(given) || given < 0))
    throw errors.invalidParameter('desiredCount must be 0 or more.')
  const controller = object<{ type?: string }>(input, 'deploymentController')?.type ?? 'ECS'
  const taskDefinitionRef = str(input, 'taskDefinition')
  if (controller === 'ECS' && taskDefinitionRef === undefined)
    throw errors.invalidParameter('taskDefinition is required for the ECS deployment controller.')
  const launchType = str(input, 'launchType') ?? 'EC2'
  if (launchType === 'FARGATE')
    throw errors.invalidParameter(
      'Only the EC2 and EXTERNAL launch types are available on this server.',
    )
  const constraints = objects<WireConstraint>(input, 'placementConstraints') ?? []
  const strategies = objects<WireStrategy>(input, 'placementStrategy') ?? []
  parseConstraints(constraints)
  parseStrategies(strategies)
  if (strategy === 'DAEMON' && strategies.length > 0)
    throw errors.invalidParameter(
      'Placement strategies are not supported with the DAEMON scheduling strategy.',
    )
  const tags = objects<Tag>(input, 'tags') ?? []
  checkTags(tags)
  const configuration = deploymentConfiguration(object(input, 'deploymentConfiguration'), strategy)
  const networkConfiguration = object(input, 'networkConfiguration')
  const grace = num(input, 'healthCheckGracePeriodSeconds')
  const serviceConnect = object<{ enabled?: boolean; namespace?: string }>(
    input,
    'serviceConnectConfiguration',
  )
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const existing = await findService(tx, scope, cluster.clusterName, name)
    // A DRAINING service whose tasks are all gone is INACTIVE (DescribeServices says so too).
    const drained =
      existing?.status === 'DRAINING' &&
      (await serviceTasks(tx, scope, cluster.clusterName, name)).length === 0
    if (existing && existing.status !== 'INACTIVE' && !drained)
      throw errors.invalidParameter('Creation of service was not idempotent.')
    const taskDefinition =
      taskDefinitionRef === undefined
        ? ''
        : await activeTaskDefinitionArn(tx, scope, taskDefinitionRef)
    const now = epochSeconds()
    // A DAEMON service's count follows the instances; the loop (later issue) sets it.
    const desiredCount = strategy === 'DAEMON' ? 0 : (given ?? 0)
    const id = newDeploymentId()
    const service: ServiceDocument = {
      serviceArn: `arn:aws:ecs:${scope.region}:${scope.account}:service/${cluster.clusterName}/${name}`,
      serviceName: name,
      clusterArn: cluster.clusterArn,
      loadBalancers: objects(input, 'loadBalancers') ?? [],
      serviceRegistries: objects(input, 'serviceRegistries') ?? [],
      status: 'ACTIVE',
      desiredCount,
      launchType,
      taskDefinition,
      deploymentConfiguration: configuration,
      deployments:
        controller === 'ECS'
          ? [
              {
                id,
                status: 'PRIMARY',
                taskDefinition,
                desiredCount,
                failedTasks: 0,
                createdAt: now,
                updatedAt: now,
                launchType,
                rolloutState: 'IN_PROGRESS',
                rolloutStateReason: `ECS deployment ${id} in progress.`,
                ...(networkConfiguration ? { networkConfiguration } : {}),
              },
            ]
          : [],
      events: [],
      createdAt: now,
      placementConstraints: constraints,
      placementStrategy: strategies,
      ...(networkConfiguration ? { networkConfiguration } : {}),
      ...(grace !== undefined ? { healthCheckGracePeriodSeconds: grace } : {}),
      schedulingStrategy: strategy,
      deploymentController: { type: controller },
      tags: mergeTags([], tags),
      createdBy: principalArn,
      enableECSManagedTags: bool(input, 'enableECSManagedTags') ?? false,
      propagateTags: str(input, 'propagateTags') ?? 'NONE',
      enableExecuteCommand: bool(input, 'enableExecuteCommand') ?? false,
      availabilityZoneRebalancing:
        str(input, 'availabilityZoneRebalancing') === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      ...(serviceConnect ? { serviceConnectConfiguration: serviceConnect } : {}),
      ...(str(input, 'role') !== undefined ? { roleArn: str(input, 'role') ?? '' } : {}),
    }
    await saveService(tx, scope, cluster.clusterName, service)
    return { service: renderService(service, [], ['TAGS']) }
  })
}
