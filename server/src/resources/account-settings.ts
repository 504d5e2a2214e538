/**
 * Account settings: values set for one principal (PutAccountSetting), for the whole account
 * (PutAccountSettingDefault), and ECS's built-in defaults, in that order of precedence.
 * Stored as `account-setting` documents keyed `<principalArn or "default">|<name>`.
 */
import { errors } from '../errors.js'

/** A setting on the wire. */
export interface Setting {
  name: string
  value: string
  principalArn: string
  type: 'user' | 'aws_managed'
}

/** Allowed values and the built-in default of each setting name (ECS-NOTES, the model's enum). */
export const SETTING_RULES: Readonly<
  Record<string, { values: readonly string[]; fallback: string; defaultOnly?: boolean }>
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

/** Setting names in the order List answers them. */
export const SETTING_NAMES = Object.keys(SETTING_RULES).sort()

/** Checks a name/value pair; `forDefault` when set through PutAccountSettingDefault. */
export function checkSetting(name: string, value: string | undefined, forDefault: boolean): void {
  const rule = SETTING_RULES[name]
  if (!rule) throw errors.invalidParameter(`Unknown account setting name: ${name}`)
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
export const settingKey = (principalArn: string | undefined, name: string) =>
  `${principalArn ?? 'default'}|${name}`
