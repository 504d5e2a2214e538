/**
 * The two account- and instance-level resources over the SDK: the custom attributes of a container
 * instance (PutAttributes / DescribeContainerInstances / DeleteAttributes) and account setting
 * defaults (PutAccountSettingDefault / ListAccountSettings).
 */
import type { Attribute, SettingName } from '@quayside/sdk'
import type {
  AccountSettingDefaultModel,
  ContainerInstanceAttributesModel,
} from '../generated/schemas.js'
import { BackendError } from '../errors.js'
import type { SdkContext } from './sdk.js'
import { api } from './sdk.js'
import type { AccountSettingDefaultBackend, ContainerInstanceAttributesBackend } from './types.js'

/**
 * ECS's own value of each account setting: what a default goes back to on destroy, as the AWS
 * provider's aws_ecs_account_setting_default does (there is no call that removes a default).
 */
export const ECS_SETTING_DEFAULTS: Readonly<Record<string, string>> = {
  serviceLongArnFormat: 'enabled',
  taskLongArnFormat: 'enabled',
  containerInstanceLongArnFormat: 'enabled',
  awsvpcTrunking: 'disabled',
  containerInsights: 'disabled',
  fargateFIPSMode: 'disabled',
  tagResourceAuthorization: 'on',
  fargateTaskRetirementWaitPeriod: '7',
  guardDutyActivate: 'off',
  defaultLogDriverMode: 'non-blocking',
  fargateEventWindows: 'disabled',
}

/** Built-in attributes (set by the agent at registration) are not the resource's to manage. */
function isCustom(attribute: { name?: string }): boolean {
  return !(attribute.name ?? '').startsWith('ecs.')
}

/** The container instance attributes backend over one SDK client. */
export function sdkContainerInstanceAttributes(
  context: SdkContext,
): ContainerInstanceAttributesBackend {
  const { ecs, call } = context
  const read = async (
    cluster: string,
    containerInstance: string,
  ): Promise<ContainerInstanceAttributesModel | undefined> => {
    const answer = await api(() =>
      ecs.describeContainerInstances({ cluster, containerInstances: [containerInstance] }, call),
    ).catch((error: unknown) => {
      // no cluster, no instance: gone
      if (error instanceof BackendError && error.ecsName === 'ClusterNotFoundException') {
        return { containerInstances: [] }
      }
      throw error
    })
    const found = answer.containerInstances?.[0]
    if (!found || found.status === 'INACTIVE') return undefined
    const attributes = (found.attributes ?? []).filter(isCustom).map(a => ({
      name: a.name,
      ...(a.value === undefined ? {} : { value: a.value }),
    }))
    // nothing of ours left on it: gone, as far as this resource goes
    if (attributes.length === 0) return undefined
    return { cluster, targetId: containerInstance, attributes }
  }
  const put = async (input: ContainerInstanceAttributesModel) => {
    const targetId = input.targetId ?? ''
    const attributes: Attribute[] = (input.attributes ?? []).map(a => ({
      name: a.name ?? '',
      ...(a.value === undefined || a.value === '' ? {} : { value: a.value }),
      targetType: 'container-instance',
      targetId,
    }))
    if (attributes.length > 0) {
      await api(() => ecs.putAttributes({ ...clusterOf(input.cluster), attributes }, call))
    }
    return { ...input, attributes: input.attributes ?? [] }
  }
  const remove = async (cluster: string, targetId: string, names: readonly string[]) => {
    if (names.length === 0) return
    const attributes: Attribute[] = names.map(name => ({
      name,
      targetType: 'container-instance',
      targetId,
    }))
    await api(() => ecs.deleteAttributes({ ...clusterOf(cluster), attributes }, call))
  }
  return {
    create: put,
    read,
    update: async input => {
      const cluster = input.cluster ?? ''
      const targetId = input.targetId ?? ''
      const current = await read(cluster, targetId)
      const wanted = new Set((input.attributes ?? []).map(a => a.name))
      const stale = (current?.attributes ?? [])
        .map(a => a.name ?? '')
        .filter(name => !wanted.has(name))
      await remove(cluster, targetId, stale)
      return put(input)
    },
    delete: remove,
  }
}

function clusterOf(cluster: string | undefined): { cluster?: string } {
  return cluster ? { cluster } : {}
}

/** The account setting default backend over one SDK client. */
export function sdkAccountSettingDefault(context: SdkContext): AccountSettingDefaultBackend {
  const { ecs, call } = context
  const put = async (input: AccountSettingDefaultModel): Promise<AccountSettingDefaultModel> => {
    const answer = await api(() =>
      ecs.putAccountSettingDefault(
        { name: (input.name ?? '') as SettingName, value: input.value ?? '' },
        call,
      ),
    )
    return answer.setting ?? input
  }
  return {
    create: put,
    update: put,
    read: async name => {
      const answer = await api(() =>
        ecs.listAccountSettings({ name: name as SettingName, effectiveSettings: true }, call),
      )
      const setting = answer.settings?.find(s => s.name === name)
      // aws_managed: nobody has set it, ECS's own default applies
      if (!setting || setting.type === 'aws_managed') return undefined
      return setting
    },
    delete: async name => {
      await put({ name, value: ECS_SETTING_DEFAULTS[name] ?? 'disabled' })
    },
  }
}
