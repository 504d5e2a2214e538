/**
 * UpdateService: desiredCount, deployment configuration, placement, and the rest in place; a new
 * task definition or `forceNewDeployment` starts a new PRIMARY deployment and turns the previous
 * PRIMARY ACTIVE (the later scheduler drains it). A service that is not ACTIVE is
 * ServiceNotActiveException; an unknown one ServiceNotFoundException.
 */
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import {
  activeService,
  newDeploymentId,
  renderService,
  saveService,
  serviceTasks,
} from '../resources/services.js'
import { parseConstraints, parseStrategies } from '../scheduler/index.js'
import type { WireConstraint, WireStrategy } from '../scheduler/placement-strategy.js'
import { epochSeconds, type OperationHandler } from './context.js'
import { activeTaskDefinitionArn, deploymentConfiguration } from './create-service.js'
import { bool, num, object, objects, str } from './input.js'

export const updateService: OperationHandler = (input, { store, scope }) => {
  const desired = num(input, 'desiredCount')
  if (desired !== undefined && (!Number.isInteger(desired) || desired < 0))
    throw errors.invalidParameter('desiredCount must be 0 or more.')
  const constraints = objects<WireConstraint>(input, 'placementConstraints')
  const strategies = objects<WireStrategy>(input, 'placementStrategy')
  if (constraints) parseConstraints(constraints)
  if (strategies) parseStrategies(strategies)
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const service = await activeService(tx, scope, cluster.clusterName, str(input, 'service') ?? '')
    const now = epochSeconds()
    if (desired !== undefined && service.schedulingStrategy === 'REPLICA')
      service.desiredCount = desired
    const configuration = object(input, 'deploymentConfiguration')
    if (configuration)
      service.deploymentConfiguration = deploymentConfiguration(
        { ...service.deploymentConfiguration, ...configuration },
        service.schedulingStrategy,
      )
    if (constraints) service.placementConstraints = constraints
    if (strategies) service.placementStrategy = strategies
    const network = object(input, 'networkConfiguration')
    if (network) service.networkConfiguration = network
    const grace = num(input, 'healthCheckGracePeriodSeconds')
    if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace
    for (const flag of ['enableExecuteCommand', 'enableECSManagedTags'] as const) {
      const value = bool(input, flag)
      if (value !== undefined) service[flag] = value
    }
    const propagate = str(input, 'propagateTags')
    if (propagate !== undefined) service.propagateTags = propagate
    const rebalancing = str(input, 'availabilityZoneRebalancing')
    if (rebalancing === 'ENABLED' || rebalancing === 'DISABLED')
      service.availabilityZoneRebalancing = rebalancing
    const reference = str(input, 'taskDefinition')
    const taskDefinition =
      reference === undefined
        ? service.taskDefinition
        : await activeTaskDefinitionArn(tx, scope, reference)
    const primary = service.deployments.find(d => d.status === 'PRIMARY')
    if (taskDefinition !== service.taskDefinition || bool(input, 'forceNewDeployment') === true) {
      for (const d of service.deployments) {
        if (d.status === 'PRIMARY') {
          d.status = 'ACTIVE'
          d.updatedAt = now
        }
      }
      const id = newDeploymentId()
      service.deployments.unshift({
        id,
        status: 'PRIMARY',
        taskDefinition,
        desiredCount: service.desiredCount,
        failedTasks: 0,
        createdAt: now,
        updatedAt: now,
        launchType: service.launchType,
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: `ECS deployment ${id} in progress.`,
        ...(service.networkConfiguration
          ? { networkConfiguration: service.networkConfiguration }
          : {}),
      })
      service.taskDefinition = taskDefinition
    } else if (primary) {
      primary.desiredCount = service.desiredCount
      primary.updatedAt = now
    }
    await saveService(tx, scope, cluster.clusterName, service)
    const tasks = await serviceTasks(tx, scope, cluster.clusterName, service.serviceName)
    return { service: renderService(service, tasks, ['TAGS']) }
  })
}
