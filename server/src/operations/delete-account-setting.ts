/** DeleteAccountSetting: removes one principal's value; the account default applies again. */
import {
  checkSetting,
  settingKey,
  SETTING_RULES,
  type Setting,
} from '../resources/account-settings.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const deleteAccountSetting: OperationHandler = (input, { store, scope, principalArn }) => {
  const name = str(input, 'name') ?? ''
  checkSetting(name, undefined, false)
  const principal = str(input, 'principalArn') ?? principalArn
  return store.transaction(async tx => {
    const key = settingKey(principal, name)
    const existing = await tx.get<Setting>(scope, 'account-setting', key)
    await tx.delete(scope, 'account-setting', key)
    const setting: Setting = existing?.body ?? {
      name,
      value: SETTING_RULES[name]?.fallback ?? '',
      principalArn: principal,
      type: 'user',
    }
    return { setting }
  })
}
