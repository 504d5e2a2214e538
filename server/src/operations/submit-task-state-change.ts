/**
 * SubmitTaskStateChange, as the agent calls it: moves the task and its containers forward
 * (PENDING -> RUNNING -> STOPPED) with exit codes, reasons, network bindings and timestamps, and
 * gives the reservation back when the task stops. Answers `{acknowledgment: "ACK"}`.
 */
import type {
  SubmitTaskStateChangeRequest,
  SubmitTaskStateChangeResponse,
} from '@quayside/openapi/types'
import { reportTask } from '../tasks/report.js'
import type { OperationContext } from './context.js'

export function submitTaskStateChange(
  input: SubmitTaskStateChangeRequest,
  context: OperationContext,
): Promise<SubmitTaskStateChangeResponse> {
  return reportTask(context, input.cluster, input.task ?? '', {
    status: input.status,
    reason: input.reason,
    containers: input.containers,
    pullStartedAt: input.pullStartedAt,
    pullStoppedAt: input.pullStoppedAt,
    executionStoppedAt: input.executionStoppedAt,
  })
}
