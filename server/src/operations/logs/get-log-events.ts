/** GetLogEvents: one stream's events, a page at a time, with forward and backward tokens. */
import type { GetLogEventsRequest, GetLogEventsResponse } from '@quayside/openapi/logs-types'
import { getEventsPage, MAX_GET_LIMIT, pageCursor } from '../../logs/get-events-page.js'
import { logsErrors } from '../../errors.js'
import { getStream, readEvents, readEventsNear, requireGroup } from '../../logs/log-store.js'
import { requestedGroup } from '../../logs/render.js'
import type { OperationContext } from '../context.js'

export function getLogEvents(
  input: GetLogEventsRequest,
  { store, scope }: OperationContext,
): Promise<GetLogEventsResponse> {
  const name = requestedGroup(input)
  return store.transaction(async (tx): Promise<GetLogEventsResponse> => {
    const group = await requireGroup(tx, scope, name)
    const stream = await getStream(tx, scope, name, input.logStreamName)
    if (!stream) throw logsErrors.resourceNotFound('The specified log stream does not exist.')
    const now = Date.now()
    // a time window may leave most events out: then the page is cut from the whole stream
    const events =
      input.startTime === undefined && input.endTime === undefined
        ? await readEventsNear(
            tx,
            scope,
            group,
            stream,
            now,
            pageCursor(input, stream.nextSeq),
            input.limit ?? MAX_GET_LIMIT,
          )
        : await readEvents(tx, scope, group, stream, now)
    const page = getEventsPage(events, stream.nextSeq, input)
    return {
      events: page.events.map(e => ({
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
      })),
      nextForwardToken: page.nextForwardToken,
      nextBackwardToken: page.nextBackwardToken,
    }
  })
}
