/**
 * UpdateContainerAgent: this server distributes no agent updates, so it answers as ECS does for
 * an agent it cannot update: MissingVersionException when the instance never reported its agent
 * version, NoUpdateAvailableException otherwise (ECS-NOTES section 7; model errors of the call).
 */
import { ServiceError, errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const updateContainerAgent: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const reference = str(input, 'containerInstance') ?? ''
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
