/**
 * The real backends: every resource over @quayside/sdk, talking to a quayside server (or anything
 * else that speaks the ECS API). Semantics follow the Terraform AWS provider's aws_ecs_* resources:
 * an INACTIVE or MISSING object reads as gone, a task definition is deregistered (not deleted) on
 * destroy, a service is deleted with force.
 *
 * Every call takes the provider's stop signal, and every refusal of the API becomes a BackendError
 * named after the ECS exception, so the handlers can turn it into a diagnostic.
 */
import { ECS, isEcsSdkError, isEcsServiceError } from '@quayside/sdk'
import type { ClientOptions, ClusterSetting, RegisterTaskDefinitionInput, Tag } from '@quayside/sdk'
import { BackendError } from '../errors.js'
import type { ClusterModel, TaskDefinitionModel } from '../generated/schemas.js'
import { CLUSTER_SETTING_OFF } from '../resources/cluster.js'
import { withoutServerFills } from '../values/container-definitions.js'
import { sdkAccountSettingDefault, sdkContainerInstanceAttributes } from './sdk-settings.js'
import { sdkService } from './sdk-service.js'
import type { Backends, ClusterBackend, ProviderConfig, TaskDefinitionBackend } from './types.js'

/** What each per-resource backend over the SDK is built from. */
export interface SdkContext {
  readonly ecs: ECS
  /** Call options with the provider's stop signal. */
  readonly call: { readonly signal: AbortSignal }
}

/** The backends over one SDK client, and a way to release its connections. */
export type SdkBackends = Backends & { close(): Promise<void> }

/** The SDK client options of a provider configuration (the SDK's own chain fills the gaps). */
export function clientOptions(config: ProviderConfig): ClientOptions {
  return {
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.accessKey !== undefined && config.secretKey !== undefined
      ? {
          credentials: {
            accessKeyId: config.accessKey,
            secretAccessKey: config.secretKey,
            ...(config.sessionToken === undefined ? {} : { sessionToken: config.sessionToken }),
          },
        }
      : {}),
  }
}

/** Runs one API call, turning whatever the SDK throws into a BackendError. */
export async function api<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isEcsServiceError(error)) {
      throw new BackendError(error.name, error.message, { cause: error })
    }
    if (isEcsSdkError(error)) throw new BackendError(error.name, error.message, { cause: error })
    throw error
  }
}

/** The last path part of an ARN (`arn:...:cluster/web` -> `web`), or the text itself. */
export function lastPart(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('/').pop() ?? nameOrArn) : nameOrArn
}

/** `value` without the named members (the ones an API input does not take). */
export function without<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !keys.includes(key as keyof T)),
  ) as Partial<T>
}

/** Tags in the API's form, `[]` for none (so an update can tell "remove all"). */
export function tagsOf(tags: readonly { key?: string; value?: string }[] | undefined): Tag[] {
  return (tags ?? []).map(tag => ({ key: tag.key ?? '', value: tag.value ?? '' }))
}

/**
 * Makes the tags of `arn` exactly `wanted`: untags the keys no longer wanted, tags what is new or
 * changed, and sends nothing when nothing differs. `current` is what the resource carries now.
 */
export async function replaceTags(
  context: SdkContext,
  arn: string,
  current: readonly Tag[],
  wanted: readonly Tag[],
): Promise<void> {
  const keep = new Set(wanted.map(tag => tag.key))
  const gone = current.map(tag => tag.key ?? '').filter(key => key !== '' && !keep.has(key))
  const changed = wanted.filter(
    tag => !current.some(now => now.key === tag.key && now.value === tag.value),
  )
  if (gone.length > 0) {
    await api(() => context.ecs.untagResource({ resourceArn: arn, tagKeys: gone }, context.call))
  }
  if (changed.length > 0) {
    await api(() => context.ecs.tagResource({ resourceArn: arn, tags: changed }, context.call))
  }
}

function sdkCluster(context: SdkContext): ClusterBackend {
  const { ecs, call } = context
  const describe = async (cluster: string): Promise<ClusterModel | undefined> => {
    const answer = await api(() =>
      ecs.describeClusters({ clusters: [cluster], include: ['TAGS', 'SETTINGS'] }, call),
    )
    const found = answer.clusters?.[0]
    // ECS keeps deleted clusters around as INACTIVE for a while: gone all the same
    return found?.status === 'ACTIVE' ? found : undefined
  }
  return {
    create: async input => {
      const answer = await api(() =>
        ecs.createCluster(
          {
            clusterName: input.clusterName ?? 'default',
            ...(input.settings ? { settings: input.settings as ClusterSetting[] } : {}),
            ...(input.tags?.length ? { tags: tagsOf(input.tags) } : {}),
          },
          call,
        ),
      )
      return answer.cluster as ClusterModel
    },
    read: describe,
    update: async (cluster, input) => {
      const current = await describe(cluster)
      if (!current) throw new BackendError('ClusterNotFoundException', 'Cluster not found.')
      const arn = current.clusterArn ?? cluster
      // a setting cannot be removed, only turned off: a dropped one goes back to disabled
      const wanted = (input.settings ?? []) as ClusterSetting[]
      const dropped = (current.settings ?? [])
        .filter(s => !wanted.some(w => w.name === s.name))
        .map(s => ({ ...s, value: CLUSTER_SETTING_OFF }) as ClusterSetting)
      const settings = [...dropped, ...wanted]
      if (settings.length > 0) {
        await api(() => ecs.updateCluster({ cluster: arn, settings }, call))
      }
      await replaceTags(context, arn, tagsOf(current.tags), tagsOf(input.tags))
      return (await describe(arn)) ?? current
    },
    delete: async cluster => {
      await api(() => ecs.deleteCluster({ cluster }, call))
    },
  }
}

function sdkTaskDefinition(context: SdkContext): TaskDefinitionBackend {
  const { ecs, call } = context
  const model = (
    taskDefinition: object | undefined,
    tags: readonly Tag[] | undefined,
  ): TaskDefinitionModel => {
    const found = taskDefinition as TaskDefinitionModel & { status?: string }
    return {
      ...found,
      containerDefinitions: withoutServerFills(found.containerDefinitions),
      ...(tags && tags.length > 0 ? { tags: [...tags] } : {}),
    }
  }
  return {
    create: async input => {
      const { tags } = input
      const rest = without(input, ['tags', 'revision', 'taskDefinitionArn'])
      const answer = await api(() =>
        ecs.registerTaskDefinition(
          {
            ...(rest as RegisterTaskDefinitionInput),
            ...(tags?.length ? { tags: tagsOf(tags) } : {}),
          },
          call,
        ),
      )
      return model(answer.taskDefinition, answer.tags)
    },
    read: async taskDefinition => {
      try {
        const answer = await api(() =>
          ecs.describeTaskDefinition({ taskDefinition, include: ['TAGS'] }, call),
        )
        // deregistered revisions stay describable as INACTIVE: the AWS provider treats them as gone
        if (answer.taskDefinition?.status !== 'ACTIVE') return undefined
        return model(answer.taskDefinition, answer.tags)
      } catch (error) {
        // ECS answers an unknown family or revision with a ClientException
        if (error instanceof BackendError && error.ecsName === 'ClientException') return undefined
        throw error
      }
    },
    delete: async taskDefinition => {
      // deregister only, as the AWS provider does by default: a running service may still use it
      await api(() => ecs.deregisterTaskDefinition({ taskDefinition }, call))
    },
  }
}

/**
 * The backends for a configuration, over one SDK client that uses the provider's stop signal.
 * Nothing is sent until the first resource operation.
 */
export function createSdkBackends(config: ProviderConfig, signal: AbortSignal): SdkBackends {
  const ecs = new ECS(clientOptions(config))
  const context: SdkContext = { ecs, call: { signal } }
  return {
    cluster: sdkCluster(context),
    taskDefinition: sdkTaskDefinition(context),
    service: sdkService(context),
    containerInstanceAttributes: sdkContainerInstanceAttributes(context),
    accountSettingDefault: sdkAccountSettingDefault(context),
    close: () => ecs.close(),
  }
}
