/**
 * Account settings: values set for one principal (PutAccountSetting), for the whole account
 * (PutAccountSettingDefault), and ECS's built-in defaults, in that order of precedence.
 * Stored as `account-setting` documents keyed `<principalArn or "default">|<name>`.
 */
import type { Setting, SettingName } from '@quayside/openapi/types'
import { errors } from '../errors.js'

/** A setting as stored and answered: the wire `Setting` with every member set. */
export type StoredSetting = Required<Setting>

/** Allowed values and the built-in default of each setting name (ECS-NOTES, the model's enum). */
export const SETTING_RULES: Readonly<
  Record<SettingName, { values: readonly string[]; fallback: string; defaultOnly?: boolean }>
> = {
  serviceLongArnFormat: { values: ['enabled'], fallback: 'enabled' },
  taskLongArnFormat: { values: ['enabled'], fallback: 'enabled' },
  containerInstanceLongArnFormat: { values: ['enabled'], fallback: 'enabled' },
  awsvpcTrunking: { values: ['enabled', 'disabled'], fallback: 'disabled' },
  containerInsights: { values: ['enabled', 'disabled', 'enhanced'], fallback: 'disabled' },
  fargateFIPSMode: { values: ['enabled', 'disabled'], fallback: 'disabled', defaultOnly: true },
  tagResourceAuthorization: { values: ['on', 'off'], fallback: 'on' },
  fargateTaskRetirementWaitPeriod: { values: ['0', '7', '14'], fallback: '7', defaultOnly: true },
  guardDutyActivate: { values: ['on', 'off'], fallback: 'off' },
  defaultLogDriverMode: { values: ['blocking', 'non-blocking'], fallback: 'non-blocking' },
  fargateEventWindows: { values: ['enabled', 'disabled'], fallback: 'disabled' },
}

const isSettingName = (name: string): name is SettingName => Object.hasOwn(SETTING_RULES, name)

/** Setting names in the order List answers them. */
export const SETTING_NAMES: readonly SettingName[] = Object.keys(SETTING_RULES)
  .filter(isSettingName)
  .sort()

/**
 * Checks a name/value pair; `forDefault` when set through PutAccountSettingDefault. The name is
 * one of the spec's `SettingName`s already (the validator checked it).
 */
export function checkSetting(
  name: SettingName,
  value: string | undefined,
  forDefault: boolean,
): void {
  const rule = SETTING_RULES[name]
  if (rule.defaultOnly && !forDefault) {
    throw errors.invalidParameter(`${name} can only be changed with PutAccountSettingDefault.`)
  }
  if (value !== undefined && !rule.values.includes(value)) {
    throw errors.invalidParameter(
      `Invalid value ${value} for ${name}. Valid values: ${rule.values.join(', ')}.`,
    )
  }
}

/** Store key of a setting; `undefined` principal means the account default. */
export const settingKey = (principalArn: string | undefined, name: SettingName) =>
  `${principalArn ?? 'default'}|${name}`
