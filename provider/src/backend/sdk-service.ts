/**
 * quayside_service over the SDK: CreateService / DescribeServices / UpdateService (+ tagging) /
 * DeleteService with force, then the waits of ./sdk-service-wait.ts, as the AWS provider's
 * aws_ecs_service does.
 */
import type { CreateServiceInput, Service, UpdateServiceInput } from '@quayside/sdk'
import { BackendError } from '../errors.js'
import type { ServiceModel } from '../generated/schemas.js'
import type { SdkContext } from './sdk.js'
import { api, replaceTags, tagsOf, without } from './sdk.js'
import { waitServiceInactive, waitServiceStable } from './sdk-service-wait.js'
import type { ServiceBackend } from './types.js'

/** What UpdateService can change, taken from a planned model (everything else forces a replacement). */
export function updatableOf(input: ServiceModel): Omit<UpdateServiceInput, 'service' | 'cluster'> {
  const pick = <K extends keyof ServiceModel>(key: K) =>
    input[key] === undefined ? {} : { [key]: input[key] }
  return {
    ...pick('desiredCount'),
    ...pick('taskDefinition'),
    ...pick('deploymentConfiguration'),
    ...pick('healthCheckGracePeriodSeconds'),
    ...pick('enableECSManagedTags'),
    ...pick('enableExecuteCommand'),
    ...pick('propagateTags'),
    ...pick('platformVersion'),
    ...pick('networkConfiguration'),
    ...pick('capacityProviderStrategy'),
    // an emptied list must reach the API as [] to remove what was there
    placementConstraints: input.placementConstraints ?? [],
    placementStrategy: input.placementStrategy ?? [],
  } as Omit<UpdateServiceInput, 'service' | 'cluster'>
}

/** The service backend over one SDK client. */
export function sdkService(context: SdkContext): ServiceBackend {
  const { ecs, call } = context
  const describe = async (cluster: string, service: string): Promise<Service | undefined> => {
    const answer = await api(() =>
      ecs.describeServices({ cluster, services: [service], include: ['TAGS'] }, call),
    )
    return answer.services?.[0]
  }
  const read = async (cluster: string, service: string): Promise<ServiceModel | undefined> => {
    try {
      const found = await describe(cluster, service)
      // DRAINING and INACTIVE services are on their way out: gone for terraform
      return found?.status === 'ACTIVE' ? found : undefined
    } catch (error) {
      if (error instanceof BackendError && error.ecsName === 'ClusterNotFoundException') {
        return undefined
      }
      throw error
    }
  }
  return {
    create: async input => {
      const { tags } = input
      const rest = without(input, ['tags', 'serviceArn', 'clusterArn'])
      const answer = await api(() =>
        ecs.createService(
          {
            ...(rest as CreateServiceInput),
            ...(tags?.length ? { tags: tagsOf(tags) } : {}),
          },
          call,
        ),
      )
      return answer.service as ServiceModel
    },
    read,
    update: async (cluster, service, input) => {
      const current = await read(cluster, service)
      if (!current) throw new BackendError('ServiceNotFoundException', 'Service not found.')
      const answer = await api(() =>
        ecs.updateService({ cluster, service, ...updatableOf(input) }, call),
      )
      const arn = current.serviceArn ?? answer.service?.serviceArn ?? service
      await replaceTags(context, arn, tagsOf(current.tags), tagsOf(input.tags))
      return (await read(cluster, service)) ?? (answer.service as ServiceModel)
    },
    waitStable: (cluster, service, timeoutMs) =>
      api(() => waitServiceStable(context, cluster, service, timeoutMs)),
    delete: async (cluster, service, timeoutMs) => {
      await api(() => ecs.deleteService({ cluster, service, force: true }, call))
      // the cluster can only go once its services are INACTIVE, so wait for the drain
      await api(() => waitServiceInactive(context, cluster, service, timeoutMs))
    },
  }
}
