/**
 * The answer to an agent's TaskSecretsRequest: the values of every container's `secrets` and the
 * login of its `repositoryCredentials`, read from this server's SSM parameters and Secrets
 * Manager secrets (../secrets/value-from.ts says what a `valueFrom` names), for a task placed on
 * the asking instance that has not stopped. The first value that cannot be read makes the answer
 * a `reason` in ECS's words (./resolution-errors.ts), with which the agent stops the task.
 * Values only ever travel in this answer: the task record and DescribeTasks never hold them.
 */
import type { ContainerSecrets, TaskSecretsMessage } from '@quayside/openapi/agent-protocol'
import type { ContainerDefinition } from '@quayside/openapi/types'
import type { Asker } from '../channel/role-credentials.js'
import { isServiceError } from '../errors.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import { taskId, type TaskRecord } from '../resources/tasks.js'
import { chooseVersion, decryptVersion, readSecret } from '../secretsmanager/secrets.js'
import { findParameter, plainValue } from '../ssm/parameters.js'
import type { Scope, Store, Transaction } from '../store/index.js'
import { resolutionErrors } from './resolution-errors.js'
import { parseValueFrom } from './value-from.js'

type Resolved = { readonly value: string } | { readonly failure: string }

/** A failure worth stopping for: `Shape: message` of a ServiceError, else rethrown. */
function causeOf(error: unknown): string {
  if (isServiceError(error)) return `${error.shapeName}: ${error.message}`
  throw error
}

async function fromParameter(
  tx: Transaction,
  scope: Scope,
  key: Buffer,
  reference: string,
): Promise<string | undefined> {
  const found = await findParameter(tx, scope, reference).catch((error: unknown) => {
    causeOf(error)
    return undefined
  })
  return found === undefined ? undefined : plainValue(key, found.record, found.version)
}

async function fromSecret(
  tx: Transaction,
  scope: Scope,
  key: Buffer,
  secretId: string,
  options: {
    jsonKey?: string | undefined
    versionStage?: string | undefined
    versionId?: string | undefined
  },
): Promise<Resolved> {
  const record = await readSecret(tx, scope, secretId, Date.now() / 1000)
  if (record === undefined || record.deletedDate !== undefined)
    return {
      failure: resolutionErrors.secret(
        secretId,
        "ResourceNotFoundException: Secrets Manager can't find the specified secret.",
      ),
    }
  let value: { SecretString?: string; SecretBinary?: string }
  try {
    value = decryptVersion(
      key,
      record,
      chooseVersion(record, options.versionId, options.versionStage),
    )
  } catch (error) {
    return { failure: resolutionErrors.secret(secretId, causeOf(error)) }
  }
  const text = value.SecretString ?? value.SecretBinary ?? ''
  if (options.jsonKey === undefined) return { value: text }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { failure: resolutionErrors.jsonKey(secretId, options.jsonKey) }
  }
  const picked =
    typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, options.jsonKey)
      ? (parsed as Record<string, unknown>)[options.jsonKey]
      : undefined
  if (picked === undefined) return { failure: resolutionErrors.jsonKey(secretId, options.jsonKey) }
  return { value: typeof picked === 'string' ? picked : JSON.stringify(picked) }
}

/** Reads what `valueFrom` names. */
export async function resolveValueFrom(
  tx: Transaction,
  scope: Scope,
  key: Buffer,
  valueFrom: string,
): Promise<Resolved> {
  const source = parseValueFrom(valueFrom)
  if (source === undefined) return { failure: resolutionErrors.malformed(valueFrom) }
  if (source.kind === 'secretsmanager') return fromSecret(tx, scope, key, source.secretId, source)
  const value = await fromParameter(
    tx,
    scope,
    key,
    source.kind === 'ssm' ? source.reference : source.name,
  )
  if (value !== undefined) return { value }
  // a bare name that is no parameter may be a secret's name
  if (source.kind === 'name' && (await readSecret(tx, scope, source.name, Date.now() / 1000)))
    return fromSecret(tx, scope, key, source.name, {})
  return { failure: resolutionErrors.ssmParameters([valueFrom]) }
}

async function containerSecrets(
  tx: Transaction,
  scope: Scope,
  key: Buffer,
  container: ContainerDefinition,
): Promise<ContainerSecrets | { failure: string }> {
  const environment: { name: string; value: string }[] = []
  for (const secret of container.secrets ?? []) {
    const resolved = await resolveValueFrom(tx, scope, key, secret.valueFrom)
    if ('failure' in resolved) return resolved
    environment.push({ name: secret.name, value: resolved.value })
  }
  const parameter = container.repositoryCredentials?.credentialsParameter
  if (parameter === undefined) return { containerName: container.name ?? '', environment }
  const login = await resolveValueFrom(tx, scope, key, parameter)
  if ('failure' in login) return login
  let auth: unknown
  try {
    auth = JSON.parse(login.value)
  } catch {
    return { failure: resolutionErrors.registryAuth(parameter) }
  }
  const { username, password } = (auth ?? {}) as Record<string, unknown>
  if (typeof username !== 'string' || typeof password !== 'string')
    return { failure: resolutionErrors.registryAuth(parameter) }
  return { containerName: container.name ?? '', environment, registryAuth: { username, password } }
}

/** The TaskSecretsMessage for `taskArn` (under `messageId`). */
export async function taskSecretsAnswer(
  store: Store,
  key: () => Buffer,
  asker: Asker,
  messageId: string,
  taskArn: string,
): Promise<TaskSecretsMessage> {
  const head = { messageId, taskArn }
  const id = taskId(asker.scope, asker.cluster, taskArn)
  return store.transaction(async (tx): Promise<TaskSecretsMessage> => {
    const doc = id === undefined ? undefined : await tx.get<TaskRecord>(asker.scope, 'task', id)
    if (!doc || doc.body.instanceId !== asker.instanceId)
      return { ...head, reason: `${taskArn} is not a task of this container instance` }
    if (doc.body.task.lastStatus === 'STOPPED') return { ...head, reason: `${taskArn} has stopped` }
    const definition = await findTaskDefinition(tx, asker.scope, doc.body.task.taskDefinitionArn)
    const containers: ContainerSecrets[] = []
    for (const container of definition?.taskDefinition.containerDefinitions ?? []) {
      const resolved = await containerSecrets(tx, asker.scope, key(), container)
      if ('failure' in resolved) return { ...head, reason: resolved.failure }
      containers.push(resolved)
    }
    return { ...head, containers }
  })
}
