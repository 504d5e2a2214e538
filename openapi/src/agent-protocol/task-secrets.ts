/**
 * Parsing the task secrets frames (TaskSecretsRequest, TaskSecretsMessage of ./frames.ts). Pure,
 * never throws: what is not well formed yields undefined, or is left out.
 */
import type { ContainerSecrets, TaskSecretsMessage, TaskSecretsRequest } from './frames.js'

type Json = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isId = (value: unknown): value is string => typeof value === 'string' && value !== ''

/** A TaskSecretsRequest's message, when it names a task. */
export function taskSecretsRequest(
  messageId: string,
  message: Json,
): TaskSecretsRequest | undefined {
  const { taskArn } = message
  return isId(taskArn) ? { messageId, taskArn } : undefined
}

function containerSecrets(value: unknown): ContainerSecrets | undefined {
  if (!isObject(value) || !isId(value['containerName'])) return undefined
  const environment = Array.isArray(value['environment']) ? value['environment'] : []
  const auth = value['registryAuth']
  return {
    containerName: value['containerName'],
    environment: environment.filter(isObject).flatMap(e => {
      const { name, value: text } = e
      return isId(name) && typeof text === 'string' ? [{ name, value: text }] : []
    }),
    ...(isObject(auth) &&
    typeof auth['username'] === 'string' &&
    typeof auth['password'] === 'string'
      ? { registryAuth: { username: auth['username'], password: auth['password'] } }
      : {}),
  }
}

/** A TaskSecretsMessage: the containers' values, or else a reason (never both, never neither). */
export function taskSecretsMessage(
  messageId: string,
  message: Json,
): TaskSecretsMessage | undefined {
  const { taskArn, reason, containers } = message
  if (!isId(taskArn)) return undefined
  if (typeof reason === 'string' || !Array.isArray(containers))
    return { messageId, taskArn, reason: typeof reason === 'string' ? reason : 'no secrets' }
  return {
    messageId,
    taskArn,
    containers: containers.map(containerSecrets).filter(c => c !== undefined),
  }
}
