/**
 * CreateService: ECS's defaults
 * (REPLICA with deployment configuration 100/200, DAEMON 0/100; the ECS deployment controller;
 * AZ rebalancing ENABLED), one PRIMARY deployment `ecs-svc/<19 digits>`, placement constraints and
 * strategies checked as RunTask checks them. A name in use by an ACTIVE or DRAINING service is
 * refused ("not idempotent"); an INACTIVE one is replaced. A repeated `clientToken` answers the
 * service its first call created (../idempotency/create-service-token.ts). Every service is
 * indexed for the service scheduler (../services/service-loop.ts), which is told once it commits.
 */
import type { CreateServiceRequest, CreateServiceResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { readClaim } from '../idempotency/client-token.js'
import { recordCreateService, replayCreateService } from '../idempotency/create-service-token.js'
import { activeCluster, NAME_PATTERN } from '../resources/clusters.js'
import { checkDaemonDesiredCount } from '../resources/daemon-services.js'
import {
  findService,
  renderService,
  saveService,
  serviceTasks,
  type ServiceDocument,
} from '../resources/services.js'
import { activeTaskDefinitionArn } from '../resources/task-definition-records.js'
import { checkTags, mergeTags } from '../resources/tags.js'
import { parseConstraints, parseStrategies } from '../scheduler/index.js'
import { deploymentConfiguration, primaryDeployment } from '../services/deployments.js'
import { indexService } from '../services/service-index.js'
import { epochSeconds, type OperationContext } from './context.js'
import { tellScheduler } from '../services/service-changes.js'

export async function createService(
  input: CreateServiceRequest,
  { store, scope, principalArn, runtime }: OperationContext,
): Promise<CreateServiceResponse> {
  const name = input.serviceName
  if (!NAME_PATTERN.test(name))
    throw errors.invalidParameter(
      'serviceName can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    )
  const strategy = input.schedulingStrategy ?? 'REPLICA'
  const given = input.desiredCount
  if (strategy === 'REPLICA' && given === undefined)
    throw errors.invalidParameter('desiredCount is required for the REPLICA scheduling strategy.')
  checkDaemonDesiredCount(strategy, given)
  if (given !== undefined && (!Number.isInteger(given) || given < 0))
    throw errors.invalidParameter('desiredCount must be 0 or more.')
  const controller = input.deploymentController?.type ?? 'ECS'
  const taskDefinitionRef = input.taskDefinition
  if (controller === 'ECS' && taskDefinitionRef === undefined)
    throw errors.invalidParameter('taskDefinition is required for the ECS deployment controller.')
  const launchType = input.launchType ?? 'EC2'
  if (launchType === 'FARGATE')
    throw errors.invalidParameter(
      'Only the EC2 and EXTERNAL launch types are available on this server.',
    )
  const constraints = input.placementConstraints ?? []
  const strategies = input.placementStrategy ?? []
  parseConstraints(constraints)
  parseStrategies(strategies)
  if (strategy === 'DAEMON' && strategies.length > 0)
    throw errors.invalidParameter(
      'Placement strategies are not supported with the DAEMON scheduling strategy.',
    )
  const tags = input.tags ?? []
  checkTags(tags)
  const configuration = deploymentConfiguration(input.deploymentConfiguration, strategy)
  const networkConfiguration = input.networkConfiguration
  const grace = input.healthCheckGracePeriodSeconds
  const serviceConnect = input.serviceConnectConfiguration
  const claim = readClaim('CreateService', input)
  const answer = await store.transaction(async (tx): Promise<CreateServiceResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const replayed = await replayCreateService(tx, scope, claim, cluster.clusterName)
    if (replayed) return replayed
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
    // A DAEMON service's count follows its eligible instances: the scheduler's first pass, told
    // once this commits, sets it (../services/apply-daemon.ts).
    const desiredCount = strategy === 'DAEMON' ? 0 : (given ?? 0)
    const service: ServiceDocument = {
      serviceArn: `arn:aws:ecs:${scope.region}:${scope.account}:service/${cluster.clusterName}/${name}`,
      serviceName: name,
      clusterArn: cluster.clusterArn,
      loadBalancers: input.loadBalancers ?? [],
      serviceRegistries: input.serviceRegistries ?? [],
      status: 'ACTIVE',
      desiredCount,
      launchType,
      taskDefinition,
      deploymentConfiguration: configuration,
      deployments:
        controller === 'ECS'
          ? [
              primaryDeployment(
                { desiredCount, launchType, networkConfiguration },
                taskDefinition,
                now,
              ),
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
      enableECSManagedTags: input.enableECSManagedTags ?? false,
      propagateTags: input.propagateTags ?? 'NONE',
      enableExecuteCommand: input.enableExecuteCommand ?? false,
      availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? 'ENABLED',
      ...(serviceConnect ? { serviceConnectConfiguration: serviceConnect } : {}),
      ...(input.role !== undefined ? { roleArn: input.role } : {}),
    }
    await saveService(tx, scope, cluster.clusterName, service)
    await indexService(tx, { scope, cluster: cluster.clusterName, name })
    await recordCreateService(tx, scope, claim, cluster.clusterName, service.serviceArn)
    return { service: renderService(service, [], ['TAGS']) }
  })
  tellScheduler(runtime, scope, answer.service)
  return answer
}
