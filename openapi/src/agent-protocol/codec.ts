/**
 * Encoding and parsing the agent channel's frames (./frames.ts). Parsing is pure and never
 * throws: text that is not a well-formed frame of the kind the reader expects yields undefined,
 * and what it yields holds exactly the members its type names, checked.
 */
import type {
  AgentFrame,
  ContainerHealth,
  Frame,
  HeartbeatMessage,
  IAMRoleCredentialsMessage,
  PayloadMessage,
  PayloadTask,
  PublishHealthRequest,
  RoleCredentials,
  ServerFrame,
} from './frames.js'
import { logEventsAck, logEventsMessage } from './log-events.js'
import { taskSecretsMessage, taskSecretsRequest } from './task-secrets.js'

type Json = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isId = (value: unknown): value is string => typeof value === 'string' && value !== ''

/** Serialises a frame. */
export const encodeFrame = (frame: Frame): string => JSON.stringify(frame)

/**
 * Serialises a PayloadMessage whose tasks are JSON already (each the text of a
 * {@link PayloadTask}): the same text as {@link encodeFrame} gives for the frame with those tasks,
 * without serialising them again.
 */
export function encodePayload(
  message: Omit<PayloadMessage, 'tasks'>,
  taskJsons: readonly string[],
): string {
  const head = JSON.stringify({
    type: 'PayloadMessage',
    message: {
      messageId: message.messageId,
      clusterArn: message.clusterArn,
      containerInstanceArn: message.containerInstanceArn,
    },
  })
  // head ends with '}}': the tasks and `full` go inside the message, in encodeFrame's order.
  return `${head.slice(0, -2)},"tasks":[${taskJsons.join(',')}],"full":${String(message.full)}}}`
}

/**
 * A payload's task, or undefined when it lacks its ARN or its definition's ARN. The members that
 * decide what the agent does are made safe: a `desiredStatus` other than STOPPED reads as RUNNING,
 * and a `clusterArn` that is not a string or `overrides` that are not an object are dropped. The
 * other members are kept as the server rendered them (as DescribeTasks does), unchecked.
 */
export function payloadTask(value: unknown): PayloadTask | undefined {
  if (!isObject(value)) return undefined
  const { taskArn, taskDefinitionArn, clusterArn, overrides, ...rest } = value
  if (typeof taskArn !== 'string' || typeof taskDefinitionArn !== 'string') return undefined
  return {
    ...rest,
    taskArn,
    taskDefinitionArn,
    ...(typeof clusterArn === 'string' ? { clusterArn } : {}),
    ...(isObject(overrides) ? { overrides } : {}),
    desiredStatus: value['desiredStatus'] === 'STOPPED' ? 'STOPPED' : 'RUNNING',
  }
}

/** The `{type, message}` of a frame, or undefined when the text is not one. */
function envelope(text: string): { type: unknown; message: Json } | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined // not JSON: not a frame
  }
  if (!isObject(value) || !isObject(value['message'])) return undefined
  return { type: value['type'], message: value['message'] }
}

const heartbeat = (messageId: string, message: Json): HeartbeatMessage => ({
  messageId,
  healthy: message['healthy'] === true,
})

/** Parses a frame from an agent (the server's reader). */
export function parseAgentFrame(text: string): AgentFrame | undefined {
  const frame = envelope(text)
  if (!frame) return undefined
  const messageId = frame.message['messageId']
  if (!isId(messageId)) return undefined
  switch (frame.type) {
    case 'HeartbeatMessage':
      return { type: frame.type, message: heartbeat(messageId, frame.message) }
    case 'HeartbeatAckRequest':
    case 'AckRequest':
    case 'TaskListRequest':
      return { type: frame.type, message: { messageId } }
    case 'IAMRoleCredentialsRequest': {
      const taskArn = frame.message['taskArn']
      return isId(taskArn) ? { type: frame.type, message: { messageId, taskArn } } : undefined
    }
    case 'PublishHealthRequest': {
      const tasks = healthTasks(frame.message['tasks'])
      return tasks ? { type: frame.type, message: { messageId, tasks } } : undefined
    }
    case 'LogEventsMessage': {
      const parsed = logEventsMessage(messageId, frame.message)
      return parsed ? { type: frame.type, message: parsed } : undefined
    }
    case 'TaskSecretsRequest': {
      const parsed = taskSecretsRequest(messageId, frame.message)
      return parsed ? { type: frame.type, message: parsed } : undefined
    }
    default:
      return undefined
  }
}

const isHealth = (value: unknown): value is ContainerHealth['healthStatus'] =>
  value === 'HEALTHY' || value === 'UNHEALTHY' || value === 'UNKNOWN'

/**
 * The tasks of a PublishHealthRequest, or undefined when `tasks` is not a list; a task without
 * its ARN and a container without its name or a known status are left out.
 */
function healthTasks(value: unknown): PublishHealthRequest['tasks'] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter(isObject).flatMap(task => {
    const { taskArn, containers } = task
    if (!isId(taskArn) || !Array.isArray(containers)) return []
    return [
      {
        taskArn,
        containers: containers.filter(isObject).flatMap(c => {
          const { containerName, healthStatus } = c
          return isId(containerName) && isHealth(healthStatus)
            ? [{ containerName, healthStatus }]
            : []
        }),
      },
    ]
  })
}

/** The role credentials of a frame, when every member is a string (the role ARN non-empty). */
function roleCredentials(value: unknown): RoleCredentials | undefined {
  if (!isObject(value)) return undefined
  const { roleArn, accessKeyId, secretAccessKey, sessionToken, expiration } = value
  if (!isId(roleArn) || !isId(accessKeyId) || !isId(secretAccessKey)) return undefined
  if (typeof sessionToken !== 'string' || typeof expiration !== 'string') return undefined
  return { roleArn, accessKeyId, secretAccessKey, sessionToken, expiration }
}

/** An IAMRoleCredentialsMessage: credentials, or else a reason (a string, perhaps empty). */
function credentialsMessage(
  messageId: string,
  message: Json,
): IAMRoleCredentialsMessage | undefined {
  const { taskArn, reason } = message
  if (!isId(taskArn)) return undefined
  const credentials = roleCredentials(message['roleCredentials'])
  return {
    messageId,
    taskArn,
    roleType: 'TaskApplication',
    ...(credentials
      ? { roleCredentials: credentials }
      : { reason: typeof reason === 'string' ? reason : 'no credentials' }),
  }
}

/** Parses a frame from the server (the agent's reader); a payload keeps only its usable tasks. */
export function parseServerFrame(text: string): ServerFrame | undefined {
  const frame = envelope(text)
  if (!frame) return undefined
  const { message } = frame
  const messageId = message['messageId']
  switch (frame.type) {
    case 'PayloadMessage': {
      const { clusterArn, containerInstanceArn, tasks } = message
      if (!isId(messageId) || typeof clusterArn !== 'string') return undefined
      if (typeof containerInstanceArn !== 'string' || !Array.isArray(tasks)) return undefined
      return {
        type: 'PayloadMessage',
        message: {
          messageId,
          clusterArn,
          containerInstanceArn,
          tasks: tasks.map(payloadTask).filter(task => task !== undefined),
          full: message['full'] === true,
        },
      }
    }
    case 'HeartbeatMessage':
      return isId(messageId)
        ? { type: frame.type, message: heartbeat(messageId, message) }
        : undefined
    case 'HeartbeatAckRequest':
      return isId(messageId) ? { type: frame.type, message: { messageId } } : undefined
    case 'ErrorMessage':
      return { type: 'ErrorMessage', message: { message: String(message['message']) } }
    case 'IAMRoleCredentialsMessage': {
      const parsed = isId(messageId) ? credentialsMessage(messageId, message) : undefined
      return parsed ? { type: frame.type, message: parsed } : undefined
    }
    case 'LogEventsAck':
      return isId(messageId)
        ? { type: frame.type, message: logEventsAck(messageId, message) }
        : undefined
    case 'TaskSecretsMessage': {
      const parsed = isId(messageId) ? taskSecretsMessage(messageId, message) : undefined
      return parsed ? { type: frame.type, message: parsed } : undefined
    }
    default:
      return undefined
  }
}
