/**
 * What CreateService and UpdateService share about deployments: ECS's deployment configuration
 * defaults and bounds per scheduling strategy, and the PRIMARY deployment either starts.
 */
import type {
  DeploymentConfiguration,
  LaunchType,
  NetworkConfiguration,
  SchedulingStrategy,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { newDeploymentId, type StoredDeployment } from '../resources/services.js'

/**
 * Checks a deployment configuration for the strategy and fills ECS's defaults (REPLICA 100/200,
 * DAEMON 0/100, the circuit breaker off); throws InvalidParameterException as ECS does.
 */
export function deploymentConfiguration(
  given: DeploymentConfiguration | undefined,
  strategy: SchedulingStrategy,
): DeploymentConfiguration {
  const [minimum, maximum] = strategy === 'DAEMON' ? [0, 100] : [100, 200]
  const out: DeploymentConfiguration = {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: maximum,
    minimumHealthyPercent: minimum,
    ...given,
  }
  const max = out.maximumPercent
  const min = out.minimumHealthyPercent
  if (max === undefined || min === undefined || min < 0 || max < 0 || min > max)
    throw errors.invalidParameter(
      'minimumHealthyPercent must be between 0 and maximumPercent in deploymentConfiguration.',
    )
  if (strategy === 'DAEMON' && max !== 100)
    throw errors.invalidParameter('The maximumPercent of a DAEMON service must be 100.')
  return out
}

/** What a new deployment copies from its service. */
export interface DeploymentSource {
  readonly desiredCount: number
  readonly launchType: LaunchType
  readonly networkConfiguration?: NetworkConfiguration | undefined
}

/** A new PRIMARY deployment of `taskDefinition`, rolling out (`ecs-svc/<19 digits>`). */
export function primaryDeployment(
  service: DeploymentSource,
  taskDefinition: string,
  now: number,
): StoredDeployment {
  const id = newDeploymentId()
  return {
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
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
  }
}
