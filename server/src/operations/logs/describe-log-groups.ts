/** DescribeLogGroups: the account's groups by name (optionally by prefix), 1-50 a page. */
import type {
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
} from '@quayside/openapi/logs-types'
import type { LogGroupRecord } from '../../logs/log-store.js'
import { listStreams } from '../../logs/log-store.js'
import { renderGroup } from '../../logs/render.js'
import { decodeToken, encodeToken } from '../../pagination.js'
import type { OperationContext } from '../context.js'

export function describeLogGroups(
  input: DescribeLogGroupsRequest,
  { store, scope }: OperationContext,
): Promise<DescribeLogGroupsResponse> {
  const limit = input.limit ?? 50
  const filters = { prefix: input.logGroupNamePrefix ?? '' }
  const after = decodeToken('DescribeLogGroups', filters, input.nextToken)
  return store.transaction(async (tx): Promise<DescribeLogGroupsResponse> => {
    const docs = await tx.list<LogGroupRecord>(scope, 'log-group', {
      prefix: filters.prefix,
      after,
      limit: limit + 1,
    })
    const page = docs.slice(0, limit)
    const logGroups = []
    for (const { body } of page) {
      const streams = await listStreams(tx, scope, body.logGroupName)
      logGroups.push(
        renderGroup(
          scope,
          body,
          streams.reduce((sum, s) => sum + s.storedBytes, 0),
        ),
      )
    }
    const last = page[page.length - 1]
    return {
      logGroups,
      ...(docs.length > limit && last
        ? { nextToken: encodeToken('DescribeLogGroups', filters, last.id) }
        : {}),
    }
  })
}
