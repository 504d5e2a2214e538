/** PutAccountSetting: sets a value for one principal (the caller when principalArn is absent). */
import { checkSetting, settingKey, type Setting } from '../resources/account-settings.js'
import type { OperationHandler } from './context.js'
import { str } from './input.js'

export const putAccountSetting: OperationHandler = (input, { store, scope, principalArn }) => {
  const name = str(input, 'name') ?? ''
  const value = str(input, 'value') ?? ''
  checkSetting(name, value, false)
  const setting: Setting = {
    name,
    value,
    principalArn: str(input, 'principalArn') ?? principalArn,
    type: 'user',
  }
  return store.transaction(async tx => {
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
