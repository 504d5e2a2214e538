/**
 * The channel's frames as the agent reads and writes them (server/docs/agent-protocol.md): JSON
 * text `{"type", "message"}`. Parsing is pure and never throws: anything that is not a frame the
 * agent acts on yields undefined.
 */

/** A frame from the server that the agent acts on. */
export type ServerFrame =
  | {
      readonly type: 'PayloadMessage'
      readonly messageId: string
      readonly tasks: readonly Record<string, unknown>[]
      readonly full: boolean
    }
  | { readonly type: 'HeartbeatMessage'; readonly messageId: string }
  | { readonly type: 'HeartbeatAckRequest'; readonly messageId: string }
  | { readonly type: 'ErrorMessage'; readonly text: string }

/** Frame types the agent sends. */
export type AgentFrameType =
  'AckRequest' | 'HeartbeatMessage' | 'HeartbeatAckRequest' | 'TaskListRequest'

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses one frame; undefined for malformed JSON, unknown types or missing fields. */
export function parseServerFrame(text: string): ServerFrame | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isObject(value) || !isObject(value['message'])) return undefined
  const message = value['message']
  const messageId = message['messageId']
  switch (value['type']) {
    case 'PayloadMessage': {
      const tasks = message['tasks']
      if (typeof messageId !== 'string' || !Array.isArray(tasks)) return undefined
      return {
        type: 'PayloadMessage',
        messageId,
        tasks: tasks.filter(isObject),
        full: message['full'] === true,
      }
    }
    case 'HeartbeatMessage':
    case 'HeartbeatAckRequest':
      return typeof messageId === 'string' ? { type: value['type'], messageId } : undefined
    case 'ErrorMessage':
      return { type: 'ErrorMessage', text: String(message['message']) }
    default:
      return undefined
  }
}

/** Encodes a frame the agent sends. */
export function agentFrame(type: AgentFrameType, messageId: string, healthy?: boolean): string {
  return JSON.stringify({
    type,
    message: healthy === undefined ? { messageId } : { messageId, healthy },
  })
}

/**
 * The delay before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to `maxMs`,
 * times a jitter factor in [0.5, 1.5) drawn from `random`, so many agents do not reconnect in step.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(plain * (0.5 + random()))
}
