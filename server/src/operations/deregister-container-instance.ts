/**
 * DeregisterContainerInstance: the instance becomes INACTIVE (still describable). Without `force`
 * it is refused while tasks run on it; with `force` its tasks that have not stopped become
 * desired STOPPED ("Container instance deregistration forced by user"), and an agent still
 * connected is told so and stops their containers. An agent that was away finds its instance
 * gone when it comes back and removes that instance's containers itself.
 */
import type {
  DeregisterContainerInstanceRequest,
  DeregisterContainerInstanceResponse,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { activeCluster } from '../resources/clusters.js'
import { findInstance, renderInstance, saveInstance } from '../resources/container-instances.js'
import { saveTask, type TaskRecord } from '../resources/tasks.js'
import { stopTask } from '../tasks/state-change.js'
import { tellInstanceChange } from '../services/instance-changes.js'
import type { OperationContext } from './context.js'

export async function deregisterContainerInstance(
  input: DeregisterContainerInstanceRequest,
  { store, scope, runtime }: OperationContext,
): Promise<DeregisterContainerInstanceResponse> {
  const { answer, cluster, stopped } = await store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const reference = input.containerInstance
    const instance = await findInstance(tx, scope, cluster.clusterName, reference)
    if (!instance || instance.status === 'INACTIVE') {
      throw errors.invalidParameter(
        `The referenced container instance ${reference} is not registered in this cluster.`,
      )
    }
    if (instance.runningTasksCount > 0 && input.force !== true) {
      throw errors.invalidParameter(
        'Container instance has tasks running. Stop them first or deregister with force.',
      )
    }
    const id = instance.containerInstanceArn.slice(
      instance.containerInstanceArn.lastIndexOf('/') + 1,
    )
    const stopped: TaskRecord[] = []
    const now = Date.now() / 1000
    for (const { body } of await tx.list<TaskRecord>(scope, 'task', {
      parent: cluster.clusterName,
    })) {
      if (body.instanceId !== id || body.task.lastStatus === 'STOPPED') continue
      if (!stopTask(body, now, 'Container instance deregistration forced by user', 'UserInitiated'))
        continue
      body.task.version += 1
      await saveTask(tx, scope, cluster.clusterName, body)
      stopped.push(body)
    }
    instance.status = 'INACTIVE'
    instance.agentConnected = false
    instance.version += 1
    await saveInstance(tx, scope, cluster.clusterName, instance)
    const answer: DeregisterContainerInstanceResponse = {
      containerInstance: renderInstance(instance, []),
    }
    return {
      answer,
      cluster: cluster.clusterName,
      stopped,
    }
  })
  for (const record of stopped) runtime.events.emit({ scope, cluster, change: 'desired', record })
  tellInstanceChange(runtime, scope, cluster)
  return answer
}
