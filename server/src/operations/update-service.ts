/**
 * UpdateService: desiredCount, deployment configuration, placement, and the rest in place; a new
 * task definition or `forceNewDeployment` starts a new PRIMARY deployment and turns the previous
 * PRIMARY ACTIVE (nothing on this server drains it). A service that is not ACTIVE is
 * ServiceNotActiveException; an unknown one ServiceNotFoundException.
 */
import type { UpdateServiceRequest, UpdateServiceResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { checkDaemonDesiredCount } from '../resources/daemon-services.js'
import { activeService, renderService, saveService, serviceTasks } from '../resources/services.js'
import { activeTaskDefinitionArn } from '../resources/task-definition-records.js'
import { parseConstraints, parseStrategies } from '../scheduler/index.js'
import { deploymentConfiguration, primaryDeployment } from '../services/deployments.js'
import { epochSeconds, type OperationContext } from './context.js'
import { tellScheduler } from '../services/service-changes.js'

export async function updateService(
  input: UpdateServiceRequest,
  { store, scope, runtime }: OperationContext,
): Promise<UpdateServiceResponse> {
  const desired = input.desiredCount
  if (desired !== undefined && (!Number.isInteger(desired) || desired < 0))
    throw errors.invalidParameter('desiredCount must be 0 or more.')
  const constraints = input.placementConstraints
  const strategies = input.placementStrategy
  if (constraints) parseConstraints(constraints)
  if (strategies) parseStrategies(strategies)
  const answer = await store.transaction(async (tx): Promise<UpdateServiceResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const service = await activeService(tx, scope, cluster.clusterName, input.service)
    const now = epochSeconds()
    checkDaemonDesiredCount(service.schedulingStrategy, desired)
    if (desired !== undefined) service.desiredCount = desired
    const configuration = input.deploymentConfiguration
    if (configuration)
      service.deploymentConfiguration = deploymentConfiguration(
        { ...service.deploymentConfiguration, ...configuration },
        service.schedulingStrategy,
      )
    if (constraints) service.placementConstraints = constraints
    if (strategies) service.placementStrategy = strategies
    const network = input.networkConfiguration
    if (network) service.networkConfiguration = network
    const grace = input.healthCheckGracePeriodSeconds
    if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace
    for (const flag of ['enableExecuteCommand', 'enableECSManagedTags'] as const) {
      const value = input[flag]
      if (value !== undefined) service[flag] = value
    }
    const propagate = input.propagateTags
    if (propagate !== undefined) service.propagateTags = propagate
    const rebalancing = input.availabilityZoneRebalancing
    if (rebalancing !== undefined) service.availabilityZoneRebalancing = rebalancing
    const reference = input.taskDefinition
    const taskDefinition =
      reference === undefined
        ? service.taskDefinition
        : await activeTaskDefinitionArn(tx, scope, reference)
    const primary = service.deployments.find(d => d.status === 'PRIMARY')
    if (taskDefinition !== service.taskDefinition || input.forceNewDeployment === true) {
      for (const d of service.deployments) {
        if (d.status === 'PRIMARY') {
          d.status = 'ACTIVE'
          d.updatedAt = now
        }
      }
      service.deployments.unshift(primaryDeployment(service, taskDefinition, now))
      service.taskDefinition = taskDefinition
    } else if (primary) {
      primary.desiredCount = service.desiredCount
      primary.updatedAt = now
    }
    await saveService(tx, scope, cluster.clusterName, service)
    const tasks = await serviceTasks(tx, scope, cluster.clusterName, service.serviceName)
    return { service: renderService(service, tasks, ['TAGS']) }
  })
  tellScheduler(runtime, scope, answer.service)
  return answer
}
