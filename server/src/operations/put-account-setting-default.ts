/** PutAccountSettingDefault: sets the account-wide value of a setting. */
import { rootPrincipal } from '../arn.js'
import type {
  PutAccountSettingDefaultRequest,
  PutAccountSettingDefaultResponse,
} from '@quayside/openapi/types'
import { checkSetting, settingKey, type StoredSetting } from '../resources/account-settings.js'
import type { OperationContext } from './context.js'

export function putAccountSettingDefault(
  input: PutAccountSettingDefaultRequest,
  { store, scope }: OperationContext,
): Promise<PutAccountSettingDefaultResponse> {
  const { name, value } = input
  checkSetting(name, value, true)
  const setting: StoredSetting = {
    name,
    value,
    principalArn: rootPrincipal(scope.account),
    type: 'user',
  }
  return store.transaction(async (tx): Promise<PutAccountSettingDefaultResponse> => {
    await tx.put(scope, 'account-setting', settingKey(undefined, name), 'default', setting)
    return { setting }
  })
}
