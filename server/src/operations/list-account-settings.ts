/**
 * ListAccountSettings: the settings set for a principal (the caller by default), or with
 * `effectiveSettings` the value in force for every setting (principal, then account default,
 * then ECS's default). Paginated by name (1-10, default 10).
 */
import { rootPrincipal } from '../arn.js'
import {
  checkSetting,
  settingKey,
  SETTING_NAMES,
  SETTING_RULES,
  type StoredSetting,
} from '../resources/account-settings.js'
import type {
  ListAccountSettingsRequest,
  ListAccountSettingsResponse,
} from '@quayside/openapi/types'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { OperationContext } from './context.js'

export function listAccountSettings(
  input: ListAccountSettingsRequest,
  { store, scope, principalArn }: OperationContext,
): Promise<ListAccountSettingsResponse> {
  const limit = pageSize(input.maxResults, 10)
  const { name, value } = input
  if (name !== undefined) checkSetting(name, undefined, true)
  const principal = input.principalArn ?? principalArn
  const effective = input.effectiveSettings === true
  const filters = { name, value, principal, effective }
  const after = decodeToken('ListAccountSettings', filters, input.nextToken)
  return store.transaction(async (tx): Promise<ListAccountSettingsResponse> => {
    const settings: StoredSetting[] = []
    for (const each of name === undefined ? SETTING_NAMES : [name]) {
      const own = await tx.get<StoredSetting>(scope, 'account-setting', settingKey(principal, each))
      let setting = own?.body
      if (!setting && (effective || principal === rootPrincipal(scope.account))) {
        setting = (
          await tx.get<StoredSetting>(scope, 'account-setting', settingKey(undefined, each))
        )?.body
      }
      if (!setting && effective) {
        setting = {
          name: each,
          value: SETTING_RULES[each].fallback,
          principalArn: principal,
          type: 'aws_managed',
        }
      }
      if (setting && (value === undefined || setting.value === value)) settings.push(setting)
    }
    const rest = settings.filter(s => after === undefined || s.name > after)
    const page = rest.slice(0, limit)
    const last = page[page.length - 1]
    return {
      settings: page,
      ...(rest.length > limit && last
        ? { nextToken: encodeToken('ListAccountSettings', filters, last.name) }
        : {}),
    }
  })
}
