/**
 * The CloudWatch Logs operations this server answers (`X-Amz-Target: Logs_20140328.<Op>`, SigV4
 * service `logs`), one file each; the stored groups, streams and events are ../../logs/.
 */
import type { OperationHandlers } from '@quayside/openapi/logs-types'
import type { OperationContext } from '../context.js'
import { createLogGroup } from './create-log-group.js'
import { createLogStream } from './create-log-stream.js'
import { deleteLogGroup } from './delete-log-group.js'
import { describeLogGroups } from './describe-log-groups.js'
import { describeLogStreams } from './describe-log-streams.js'
import { filterLogEvents } from './filter-log-events.js'
import { getLogEvents } from './get-log-events.js'
import { putLogEvents } from './put-log-events.js'
import { putRetentionPolicy } from './put-retention-policy.js'

export const logsOperations: OperationHandlers<OperationContext> = {
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  DeleteLogGroup: deleteLogGroup,
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
  PutLogEvents: putLogEvents,
  PutRetentionPolicy: putRetentionPolicy,
}
