/**
 * Stored log groups and streams as the Logs API answers them, and the group a request names
 * (`logGroupName`, or `logGroupIdentifier`: the name or the group's ARN).
 */
import type { LogGroup, LogStream } from '@quayside/openapi/logs-types'
import { logsErrors } from '../errors.js'
import type { Scope } from '../store/index.js'
import type { LogGroupRecord, LogStreamRecord } from './log-store.js'

export const groupArn = (scope: Scope, name: string): string =>
  `arn:aws:logs:${scope.region}:${scope.account}:log-group:${name}`

export function renderGroup(scope: Scope, group: LogGroupRecord, storedBytes: number): LogGroup {
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${groupArn(scope, group.logGroupName)}:*`,
    logGroupArn: groupArn(scope, group.logGroupName),
    storedBytes,
    logGroupClass: 'STANDARD',
  }
}

export function renderStream(scope: Scope, stream: LogStreamRecord): LogStream {
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined
      ? { firstEventTimestamp: stream.firstEventTimestamp }
      : {}),
    ...(stream.lastEventTimestamp !== undefined
      ? { lastEventTimestamp: stream.lastEventTimestamp }
      : {}),
    ...(stream.lastIngestionTime !== undefined
      ? { lastIngestionTime: stream.lastIngestionTime }
      : {}),
    arn: `${groupArn(scope, stream.logGroupName)}:log-stream:${stream.logStreamName}`,
  }
}

/** The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN). */
export function requestedGroup(input: {
  readonly logGroupName?: string | undefined
  readonly logGroupIdentifier?: string | undefined
}): string {
  const { logGroupName, logGroupIdentifier } = input
  if (logGroupName !== undefined && logGroupIdentifier !== undefined)
    throw logsErrors.invalidParameter(
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    )
  const given = logGroupName ?? logGroupIdentifier
  if (given === undefined)
    throw logsErrors.invalidParameter('Either logGroupName or logGroupIdentifier is required.')
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(given)
  return arn?.[1] ?? given
}
