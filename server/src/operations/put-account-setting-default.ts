/** PutAccountSettingDefault: sets the account-wide value of a setting. */
import { rootPrincipal } from '../arn.js'
import { checkSetting, settingKey, type Setting } from '../resources/account-settings.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const putAccountSettingDefault: OperationHandler = (input, { store, scope }) => {
  const name = str(input, 'name') ?? ''
  const value = str(input, 'value') ?? ''
  checkSetting(name, value, true)
  const setting: Setting = { name, value, principalArn: rootPrincipal(scope.account), type: 'user' }
  return store.transaction(async tx => {
    await tx.put(scope, 'account-setting', settingKey(undefined, name), 'default', setting)
    return { setting }
  })
}
