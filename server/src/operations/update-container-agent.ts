/**
 * UpdateContainerAgent: this server distributes no agent updates, so it answers as ECS does for
 * an agent it cannot update: MissingVersionException when the instance never reported its agent
 * version, NoUpdateAvailableException otherwise (ECS-NOTES section 7; model errors of the call).
 */
import { ServiceError, errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance } from '../resources/container-instances.js'
import type {
  UpdateContainerAgentRequest,
  UpdateContainerAgentResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

export function updateContainerAgent(
  input: UpdateContainerAgentRequest,
  { store, scope }: OperationContext,
): Promise<UpdateContainerAgentResponse> {
  return store.transaction(async (tx): Promise<UpdateContainerAgentResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const reference = input.containerInstance
    const instance = await findInstance(tx, scope, cluster.clusterName, reference)
    if (!instance || instance.status === 'INACTIVE')
      throw errors.invalidParameter('The referenced container instance was not found.')
    if (typeof instance.versionInfo?.['agentVersion'] !== 'string')
      throw new ServiceError(
        'MissingVersionException',
        'The container instance does not have version information for its container agent.',
      )
    throw new ServiceError(
      'NoUpdateAvailableException',
      'There is no update available for your container agent.',
    )
  })
}
