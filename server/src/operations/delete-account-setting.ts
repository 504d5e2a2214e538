/** DeleteAccountSetting: removes one principal's value; the account default applies again. */
import type {
  DeleteAccountSettingRequest,
  DeleteAccountSettingResponse,
} from '@quayside/openapi/types'
import {
  checkSetting,
  settingKey,
  SETTING_RULES,
  type StoredSetting,
} from '../resources/account-settings.js'
import type { OperationContext } from './context.js'

export function deleteAccountSetting(
  input: DeleteAccountSettingRequest,
  { store, scope, principalArn }: OperationContext,
): Promise<DeleteAccountSettingResponse> {
  const name = input.name
  checkSetting(name, undefined, false)
  const principal = input.principalArn ?? principalArn
  return store.transaction(async (tx): Promise<DeleteAccountSettingResponse> => {
    const key = settingKey(principal, name)
    const existing = await tx.get<StoredSetting>(scope, 'account-setting', key)
    await tx.delete(scope, 'account-setting', key)
    const setting: StoredSetting = existing?.body ?? {
      name,
      value: SETTING_RULES[name].fallback,
      principalArn: principal,
      type: 'user',
    }
    return { setting }
  })
}
