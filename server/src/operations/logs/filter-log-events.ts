/**
 * FilterLogEvents: the events of a group's streams (all, `logStreamNames`, or those named with
 * `logStreamNamePrefix`) that match `filterPattern` (../../logs/filter-pattern.ts), merged in
 * time order.
 */
import type { FilterLogEventsRequest, FilterLogEventsResponse } from '@quayside/openapi/logs-types'
import { logsErrors } from '../../errors.js'
import { filterEventsPage, type StreamEvent } from '../../logs/filter-events-page.js'
import { compileFilterPattern } from '../../logs/filter-pattern.js'
import { listStreams, readEvents, requireGroup } from '../../logs/log-store.js'
import { requestedGroup } from '../../logs/render.js'
import type { OperationContext } from '../context.js'

export function filterLogEvents(
  input: FilterLogEventsRequest,
  { store, scope }: OperationContext,
): Promise<FilterLogEventsResponse> {
  const name = requestedGroup(input)
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined)
    throw logsErrors.invalidParameter(
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    )
  const filter = compileFilterPattern(input.filterPattern)
  return store.transaction(async (tx): Promise<FilterLogEventsResponse> => {
    const group = await requireGroup(tx, scope, name)
    const named = input.logStreamNames
    const streams = (await listStreams(tx, scope, name, input.logStreamNamePrefix)).filter(
      s => named === undefined || named.includes(s.logStreamName),
    )
    const now = Date.now()
    const events: StreamEvent[] = []
    for (const stream of streams)
      for (const event of await readEvents(tx, scope, group, stream, now))
        events.push({ logStreamName: stream.logStreamName, event })
    const page = filterEventsPage(events, filter, {
      startTime: input.startTime,
      endTime: input.endTime,
      nextToken: input.nextToken,
      limit: input.limit,
      filters: [
        name,
        named,
        input.logStreamNamePrefix,
        input.filterPattern,
        input.startTime,
        input.endTime,
      ],
    })
    return {
      events: [...page.events],
      searchedLogStreams: streams.map(s => ({
        logStreamName: s.logStreamName,
        searchedCompletely: true,
      })),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    }
  })
}
