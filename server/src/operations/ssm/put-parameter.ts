/**
 * SSM PutParameter: creates a parameter (Type required) or, with Overwrite, adds a version; the
 * value is encrypted at rest whatever its type. Tiers: Standard up to 4 KB, Advanced up to 8 KB,
 * Intelligent-Tiering picks the smaller that fits; at most 100 versions (the oldest goes).
 */
import type { PutParameterRequest, PutParameterResult } from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../../errors.js'
import { encryptValue } from '../../secrets/cipher.js'
import {
  ADVANCED_VALUE_LIMIT,
  checkParameterName,
  MAX_VERSIONS,
  STANDARD_VALUE_LIMIT,
  valueContext,
  type ParameterRecord,
} from '../../ssm/parameter-record.js'
import { PARAMETER_KIND } from '../../ssm/parameters.js'
import { epochSeconds, type OperationContext } from '../context.js'

function tierFor(
  requested: string | undefined,
  value: string,
  current?: string,
): 'Standard' | 'Advanced' {
  const fits = value.length <= STANDARD_VALUE_LIMIT
  if (requested === 'Advanced' || (requested === undefined && current === 'Advanced')) {
    if (value.length > ADVANCED_VALUE_LIMIT)
      throw ssmErrors.validation(
        `The value is ${value.length} characters; an Advanced parameter holds at most ${ADVANCED_VALUE_LIMIT}.`,
      )
    return 'Advanced'
  }
  if (requested === 'Intelligent-Tiering') return tierFor(fits ? 'Standard' : 'Advanced', value)
  if (!fits)
    throw ssmErrors.validation(
      `Standard tier parameters support a maximum parameter value of ${STANDARD_VALUE_LIMIT} characters. To create a larger parameter value, choose Advanced tier.`,
    )
  return 'Standard'
}

function checkPattern(pattern: string | undefined, value: string): void {
  if (pattern === undefined) return
  let regex: RegExp
  try {
    regex = new RegExp(pattern, 'u')
  } catch {
    throw ssmErrors.allowedPattern(
      `The allowed pattern ${pattern} is not a valid regular expression.`,
    )
  }
  if (!regex.test(value))
    throw ssmErrors.patternMismatch(
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    )
}

export function putParameter(
  input: PutParameterRequest,
  { store, scope, principalArn, runtime }: OperationContext,
): Promise<PutParameterResult> {
  const name = input.Name
  checkParameterName(name)
  if (input.Overwrite === true && input.Tags !== undefined && input.Tags.length > 0)
    throw ssmErrors.validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    )
  if (input.Value === '') throw ssmErrors.validation('A parameter value cannot be empty.')
  const dataType = input.DataType ?? 'text'
  if (dataType !== 'text' && dataType !== 'aws:ec2:image' && dataType !== 'aws:ssm:integration')
    throw ssmErrors.validation(
      `The following data type is not supported: ${dataType} (use text, aws:ec2:image or aws:ssm:integration).`,
    )
  if (input.KeyId !== undefined && input.Type !== 'SecureString')
    throw ssmErrors.validation('KeyId is required for SecureString type parameter only.')
  return store.transaction(async (tx): Promise<PutParameterResult> => {
    const existing = (await tx.get<ParameterRecord>(scope, PARAMETER_KIND, name))?.body
    if (existing !== undefined && input.Overwrite !== true) throw ssmErrors.parameterAlreadyExists()
    const type = input.Type ?? existing?.type
    if (type === undefined)
      throw ssmErrors.validation('A parameter type is required when you create a parameter.')
    if (existing !== undefined && input.Type !== undefined && input.Type !== existing.type)
      throw ssmErrors.hierarchyTypeMismatch(
        `The parameter type can't be changed from ${existing.type} to ${input.Type}.`,
      )
    const allowedPattern = input.AllowedPattern ?? existing?.allowedPattern
    checkPattern(allowedPattern, input.Value)
    const tier = tierFor(input.Tier, input.Value, existing?.tier)
    const version = (existing?.versions.at(-1)?.version ?? 0) + 1
    const kept = (existing?.versions ?? []).slice(-(MAX_VERSIONS - 1))
    const record: ParameterRecord = {
      name,
      type,
      dataType,
      tier,
      description: input.Description ?? existing?.description,
      allowedPattern,
      keyId:
        type === 'SecureString' ? (input.KeyId ?? existing?.keyId ?? 'alias/aws/ssm') : undefined,
      tags: existing?.tags ?? (input.Tags ?? []).map(t => ({ Key: t.Key, Value: t.Value })),
      versions: [
        ...kept,
        {
          version,
          value: encryptValue(runtime.secretsKey(), input.Value, valueContext(name, version)),
          lastModifiedDate: epochSeconds(),
          lastModifiedUser: principalArn,
          labels: [],
        },
      ],
    }
    await tx.put(scope, PARAMETER_KIND, name, '', record)
    return { Version: version, Tier: tier }
  })
}
