/**
 * quayside_account_setting_default: PutAccountSettingDefault / ListAccountSettings /
 * DeleteAccountSetting.
 */
import type { ResourceType } from './types.js'
import { resourceSchema, text } from './types.js'

/** Keyed and imported by setting name. */
export const accountSettingDefault: ResourceType = {
  typeName: 'quayside_account_setting_default',
  schema: resourceSchema('quayside_account_setting_default'),
  create: (backends, model) => backends.accountSettingDefault.create(model),
  read: (backends, state) => backends.accountSettingDefault.read(text(state, 'name')),
  update: (backends, _prior, model) => backends.accountSettingDefault.update(model),
  delete: (backends, state) => backends.accountSettingDefault.delete(text(state, 'name')),
  importState: id => ({ name: id }),
  derive: state => ({ id: state['name'] ?? null }),
}
