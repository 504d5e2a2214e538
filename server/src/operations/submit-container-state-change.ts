/**
 * SubmitContainerStateChange (the agent's legacy call, RUNNING or STOPPED): updates one container;
 * the task follows once all its containers are RUNNING, or all STOPPED.
 */
import type { NetworkBinding } from '../resources/tasks.js'
import type { OperationHandler } from './context.js'
import { num, objects, str } from './input.js'
import { reportTask } from './submit-task-state-change.js'

export const submitContainerStateChange: OperationHandler = (input, context) =>
  reportTask(context, str(input, 'cluster'), str(input, 'task') ?? '', {
    containers: [
      {
        containerName: str(input, 'containerName'),
        status: str(input, 'status'),
        exitCode: num(input, 'exitCode'),
        reason: str(input, 'reason'),
        runtimeId: str(input, 'runtimeId'),
        networkBindings: objects<NetworkBinding>(input, 'networkBindings'),
      },
    ],
  })
