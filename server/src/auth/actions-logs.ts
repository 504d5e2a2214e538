/**
 * CloudWatch Logs' rows of the action table (./actions.ts): each served operation's throttling
 * group and the log group ARNs it acts on, as IAM's reference for `logs` names them
 * (`arn:aws:logs:<region>:<account>:log-group:<name>`, and `...:log-stream:<stream>` for the
 * calls on one stream).
 */
import type { Scope } from '../store/index.js'
import type { ActionInfo } from './actions.js'

type Input = Readonly<Record<string, unknown>>

const text = (input: Input, field: string): string | undefined => {
  const value = input[field]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The group a request names (by `logGroupName`, or `logGroupIdentifier`: a name or an ARN). */
const groupArn = (input: Input, scope: Scope): string | undefined => {
  const given = text(input, 'logGroupName') ?? text(input, 'logGroupIdentifier')
  if (given === undefined) return undefined
  if (given.startsWith('arn:')) return given.replace(/:\*$/, '')
  return `arn:aws:logs:${scope.region}:${scope.account}:log-group:${given}`
}

const group = (input: Input, scope: Scope): string[] => {
  const arn = groupArn(input, scope)
  return arn === undefined ? ['*'] : [arn]
}

const stream = (input: Input, scope: Scope): string[] => {
  const arn = groupArn(input, scope)
  const name = text(input, 'logStreamName')
  if (arn === undefined) return ['*']
  return [name === undefined ? arn : `${arn}:log-stream:${name}`]
}

/** Every served Logs operation by name (keys `logs:<Operation>` in the pipeline). */
export const LOGS_ACTIONS: Readonly<Record<string, ActionInfo>> = {
  CreateLogGroup: { group: 'write', resources: group },
  CreateLogStream: { group: 'write', resources: stream },
  DeleteLogGroup: { group: 'write', resources: group },
  DescribeLogGroups: { group: 'read', resources: () => ['*'] },
  DescribeLogStreams: { group: 'read', resources: group },
  FilterLogEvents: { group: 'read', resources: group },
  GetLogEvents: { group: 'read', resources: stream },
  PutLogEvents: { group: 'write', resources: stream },
  PutRetentionPolicy: { group: 'write', resources: group },
}
