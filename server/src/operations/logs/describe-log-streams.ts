/**
 * DescribeLogStreams: a group's streams by name (optionally by prefix) or by last event time,
 * ascending or descending, 1-50 a page.
 */
import type {
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
} from '@quayside/openapi/logs-types'
import { logsErrors } from '../../errors.js'
import { listStreams, requireGroup } from '../../logs/log-store.js'
import { renderStream, requestedGroup } from '../../logs/render.js'
import { decodeToken, encodeToken } from '../../pagination.js'
import type { OperationContext } from '../context.js'

export function describeLogStreams(
  input: DescribeLogStreamsRequest,
  { store, scope }: OperationContext,
): Promise<DescribeLogStreamsResponse> {
  const group = requestedGroup(input)
  const byTime = input.orderBy === 'LastEventTime'
  if (byTime && input.logStreamNamePrefix !== undefined)
    throw logsErrors.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.')
  const limit = input.limit ?? 50
  const filters = {
    group,
    prefix: input.logStreamNamePrefix ?? '',
    byTime,
    d: input.descending === true,
  }
  const from = Number(decodeToken('DescribeLogStreams', filters, input.nextToken) ?? '0')
  return store.transaction(async (tx): Promise<DescribeLogStreamsResponse> => {
    await requireGroup(tx, scope, group)
    const streams = await listStreams(tx, scope, group, filters.prefix)
    if (byTime) streams.sort((a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0))
    if (filters.d) streams.reverse()
    const page = streams.slice(from, from + limit)
    return {
      logStreams: page.map(s => renderStream(scope, s)),
      ...(from + limit < streams.length
        ? { nextToken: encodeToken('DescribeLogStreams', filters, String(from + limit)) }
        : {}),
    }
  })
}
