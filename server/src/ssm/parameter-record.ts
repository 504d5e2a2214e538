/**
 * An SSM parameter as the store keeps it (kind `ssm-parameter`, id its name): its settings and up
 * to 100 versions, each value encrypted (../secrets/cipher.ts) whatever its type. Pure helpers:
 * names, ARNs, selectors, and the answer shapes.
 */
import type { Parameter, ParameterMetadata, ParameterType } from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../errors.js'
import type { Scope } from '../store/index.js'

/** The versions a parameter keeps; putting one more drops the oldest. */
export const MAX_VERSIONS = 100
/** Levels of hierarchy a name may have (`/a/b/c` has 3). */
export const MAX_LEVELS = 15
/** The largest value of a Standard and of an Advanced parameter, in characters. */
export const STANDARD_VALUE_LIMIT = 4096
export const ADVANCED_VALUE_LIMIT = 8192

/** One stored version. */
export interface ParameterVersion {
  readonly version: number
  /** The value, encrypted, bound to `<name>#<version>`. */
  readonly value: string
  readonly lastModifiedDate: number
  readonly lastModifiedUser: string
  readonly labels: readonly string[]
}

/** The stored document of one parameter. */
export interface ParameterRecord {
  readonly name: string
  readonly type: ParameterType
  readonly dataType: string
  readonly tier: 'Standard' | 'Advanced'
  readonly description?: string | undefined
  readonly allowedPattern?: string | undefined
  /** SecureString only: the KMS key id given (there is no KMS here; it is recorded). */
  readonly keyId?: string | undefined
  readonly tags: readonly { readonly Key: string; readonly Value: string }[]
  /** Oldest first. */
  readonly versions: readonly ParameterVersion[]
}

/** The encryption context of a version's value. */
export const valueContext = (name: string, version: number): string => `ssm:${name}#${version}`

/** `arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>`. */
export function parameterArnOf(scope: Scope, name: string): string {
  return `arn:aws:ssm:${scope.region}:${scope.account}:parameter/${name.replace(/^\//, '')}`
}

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/

/**
 * Checks a name PutParameter is given as SSM does; throws ValidationException or
 * HierarchyLevelLimitExceededException with the reason.
 */
export function checkParameterName(name: string): void {
  if (!NAME_CHARACTERS.test(name))
    throw ssmErrors.validation(
      `Parameter name ${name} is not valid: only a-z, A-Z, 0-9, _ . - and / are allowed.`,
    )
  const bare = name.replace(/^\//, '').toLowerCase()
  if (bare.startsWith('aws') || bare.startsWith('ssm'))
    throw ssmErrors.validation(
      `Parameter name ${name} is not valid: it can't be prefixed with "aws" or "ssm" (case-insensitive).`,
    )
  if (name.includes('/') && !name.startsWith('/'))
    throw ssmErrors.validation(
      `Parameter name ${name} is not valid: a name with a hierarchy must begin with a forward slash (/).`,
    )
  if (name.endsWith('/') || name.includes('//'))
    throw ssmErrors.validation(
      `Parameter name ${name} is not valid: no level of the hierarchy may be empty.`,
    )
  if (name.split('/').filter(Boolean).length > MAX_LEVELS) throw ssmErrors.hierarchyLevelLimit()
}

/** A name as a caller gives it to the Get/Delete operations: with `:version` or `:label`. */
export interface ParameterReference {
  /** The candidate stored names, in the order to try (an ARN's name may lack its slash). */
  readonly names: readonly string[]
  /** `3` (a version) or a label, when one was given after a colon. */
  readonly selector?: string | undefined
}

/**
 * Parses a parameter reference: a name, `name:selector`, or the parameter's ARN (with or
 * without a selector). Pure; an ARN of another account or region is refused (ValidationException).
 */
export function parseParameterReference(reference: string, scope: Scope): ParameterReference {
  let rest = reference
  if (reference.startsWith('arn:')) {
    const match = /^arn:[^:]+:ssm:([^:]*):([^:]*):parameter\/?(.+)$/.exec(reference)
    if (!match) throw ssmErrors.validation(`Parameter ARN ${reference} is not valid.`)
    const [, region, account, path = ''] = match
    if (region !== scope.region || account !== scope.account)
      throw ssmErrors.validation(
        `Parameter ARN ${reference} is not in this account and region (${scope.account}, ${scope.region}).`,
      )
    rest = path
    const { base, selector } = splitSelector(rest)
    // an ARN drops the name's leading slash: `parameter/a/b` is `/a/b`, `parameter/a` is `a` or `/a`
    const names = base.includes('/') ? [`/${base}`] : [base, `/${base}`]
    return { names, selector }
  }
  const { base, selector } = splitSelector(rest)
  return { names: [base], selector }
}

function splitSelector(text: string): { base: string; selector?: string | undefined } {
  const colon = text.lastIndexOf(':')
  if (colon < 0) return { base: text }
  return { base: text.slice(0, colon), selector: text.slice(colon + 1) }
}

/** The version a selector names (the latest when none), or undefined when it names none. */
export function selectVersion(
  record: ParameterRecord,
  selector: string | undefined,
): ParameterVersion | undefined {
  if (selector === undefined) return record.versions.at(-1)
  if (/^\d+$/.test(selector)) return record.versions.find(v => v.version === Number(selector))
  return record.versions.find(v => v.labels.includes(selector))
}

/** The `Parameter` answer for `version`, with its value (decrypted or as stored). */
export function toParameter(
  record: ParameterRecord,
  version: ParameterVersion,
  value: string,
  scope: Scope,
  selector?: string,
): Parameter {
  return {
    Name: record.name,
    Type: record.type,
    Value: value,
    Version: version.version,
    ...(selector === undefined ? {} : { Selector: `:${selector}` }),
    LastModifiedDate: version.lastModifiedDate,
    ARN: parameterArnOf(scope, record.name),
    DataType: record.dataType,
  }
}

/** DescribeParameters' metadata of a record (never a value). */
export function toMetadata(record: ParameterRecord, scope: Scope): ParameterMetadata {
  const latest = record.versions.at(-1)
  return {
    Name: record.name,
    ARN: parameterArnOf(scope, record.name),
    Type: record.type,
    ...(record.keyId === undefined ? {} : { KeyId: record.keyId }),
    ...(latest === undefined
      ? {}
      : { LastModifiedDate: latest.lastModifiedDate, LastModifiedUser: latest.lastModifiedUser }),
    ...(record.description === undefined ? {} : { Description: record.description }),
    ...(record.allowedPattern === undefined ? {} : { AllowedPattern: record.allowedPattern }),
    Version: latest?.version ?? 0,
    Tier: record.tier,
    Policies: [],
    DataType: record.dataType,
  }
}
