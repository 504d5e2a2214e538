/**
 * The answer to an agent's IAMRoleCredentialsRequest: the key pair the credentials file maps to
 * the task's role (`overrides.taskRoleArn`, else the task definition's `taskRoleArn`), given only
 * for a task placed on the asking instance that has not stopped, as ECS hands role credentials to
 * the agent that runs the task. The pair is the role's own long-lived key, so its requests are
 * verified and authorised as that entry of the file; `sessionToken` is an opaque marker of the
 * task (SDKs require one and sign it), which the server does not check.
 */
import type { IAMRoleCredentialsMessage } from '@quayside/openapi/agent-protocol'
import { roleCredential, type CredentialSet } from '../auth/credentials.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import { taskId, type TaskRecord } from '../resources/tasks.js'
import type { Scope, Store } from '../store/index.js'

/** How long the credentials read as valid; the agent asks again before then. */
export const ROLE_CREDENTIALS_TTL_MS = 6 * 60 * 60_000

/** The asking agent's instance. */
export interface Asker {
  readonly scope: Scope
  readonly cluster: string
  readonly instanceId: string
}

/** The credentials message for `taskArn` (under `messageId`), with a `reason` when refused. */
export async function roleCredentialsAnswer(
  store: Store,
  credentials: CredentialSet,
  asker: Asker,
  messageId: string,
  taskArn: string,
  now: Date = new Date(),
): Promise<IAMRoleCredentialsMessage> {
  const head = { messageId, taskArn, roleType: 'TaskApplication' } as const
  const id = taskId(asker.scope, asker.cluster, taskArn)
  const found = await store.transaction(async tx => {
    const doc = id === undefined ? undefined : await tx.get<TaskRecord>(asker.scope, 'task', id)
    if (!doc || doc.body.instanceId !== asker.instanceId) return undefined
    const { task } = doc.body
    const definition = await findTaskDefinition(tx, asker.scope, task.taskDefinitionArn)
    return { task, roleArn: task.overrides.taskRoleArn ?? definition?.taskDefinition.taskRoleArn }
  })
  if (!found) return { ...head, reason: `${taskArn} is not a task of this container instance` }
  if (found.task.lastStatus === 'STOPPED') return { ...head, reason: `${taskArn} has stopped` }
  if (found.roleArn === undefined) return { ...head, reason: `${taskArn} has no taskRoleArn` }
  const credential = roleCredential(credentials, found.roleArn)
  if (!credential)
    return { ...head, reason: `the server's credentials file has no key for ${found.roleArn}` }
  return {
    ...head,
    roleCredentials: {
      roleArn: found.roleArn,
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      sessionToken: Buffer.from(`quayside:${taskArn}`).toString('base64'),
      expiration: new Date(now.getTime() + ROLE_CREDENTIALS_TTL_MS).toISOString(),
    },
  }
}
