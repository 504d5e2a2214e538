/**
 * SubmitContainerStateChange (the agent's legacy call, RUNNING or STOPPED): updates one container;
 * the task follows once all its containers are RUNNING, or all STOPPED.
 */
import type {
  SubmitContainerStateChangeRequest,
  SubmitContainerStateChangeResponse,
} from '@quayside/openapi/types'
import { reportTask } from '../tasks/report.js'
import type { OperationContext } from './context.js'

export function submitContainerStateChange(
  input: SubmitContainerStateChangeRequest,
  context: OperationContext,
): Promise<SubmitContainerStateChangeResponse> {
  return reportTask(context, input.cluster, input.task ?? '', {
    containers: [
      {
        containerName: input.containerName,
        status: input.status,
        exitCode: input.exitCode,
        reason: input.reason,
        runtimeId: input.runtimeId,
        networkBindings: input.networkBindings,
      },
    ],
  })
}
