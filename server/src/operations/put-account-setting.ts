/** PutAccountSetting: sets a value for one principal (the caller when principalArn is absent). */
import type { PutAccountSettingRequest, PutAccountSettingResponse } from '@quayside/openapi/types'
import { checkSetting, settingKey, type StoredSetting } from '../resources/account-settings.js'
import type { OperationContext } from './context.js'

export function putAccountSetting(
  input: PutAccountSettingRequest,
  { store, scope, principalArn }: OperationContext,
): Promise<PutAccountSettingResponse> {
  const { name, value } = input
  checkSetting(name, value, false)
  const setting: StoredSetting = {
    name,
    value,
    principalArn: input.principalArn ?? principalArn,
    type: 'user',
  }
  return store.transaction(async (tx): Promise<PutAccountSettingResponse> => {
    await tx.put(
      scope,
      'account-setting',
      settingKey(setting.principalArn, name),
      setting.principalArn,
      setting,
    )
    return { setting }
  })
}
