/**
 * What a container secret's `valueFrom` (or `repositoryCredentials.credentialsParameter`) names,
 * as ECS reads it. Pure.
 *
 * | valueFrom                                                         | source                          |
 * | ----------------------------------------------------------------- | ------------------------------- |
 * | `name`, `/path/name`                                              | an SSM parameter (else a secret of that name) |
 * | `arn:aws:ssm:<region>:<account>:parameter/path/name`              | that SSM parameter              |
 * | `arn:aws:secretsmanager:<region>:<account>:secret:name-AbCdEf`    | that secret's AWSCURRENT value  |
 * | `...:secret:name-AbCdEf:json-key:version-stage:version-id`        | one JSON key, of a chosen version (each part may be empty) |
 */

/** The parsed reference. */
export type ValueSource =
  | { readonly kind: 'ssm'; readonly reference: string }
  | { readonly kind: 'name'; readonly name: string }
  | {
      readonly kind: 'secretsmanager'
      /** The secret's ARN (complete or partial) without the trailing parts. */
      readonly secretId: string
      readonly jsonKey?: string | undefined
      readonly versionStage?: string | undefined
      readonly versionId?: string | undefined
    }

const SECRET = ':secret:'
const part = (text: string | undefined): string | undefined =>
  text === undefined || text === '' ? undefined : text

/** Parses `valueFrom`; undefined for an ARN of neither service, or a malformed one. */
export function parseValueFrom(valueFrom: string): ValueSource | undefined {
  if (!valueFrom.startsWith('arn:'))
    return valueFrom === '' ? undefined : { kind: 'name', name: valueFrom }
  const service = valueFrom.split(':')[2]
  if (service === 'ssm')
    return /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter\/?.+$/.test(valueFrom)
      ? { kind: 'ssm', reference: valueFrom }
      : undefined
  if (service !== 'secretsmanager') return undefined
  const at = valueFrom.indexOf(SECRET)
  if (at < 0) return undefined
  const [name, jsonKey, versionStage, versionId, ...extra] = valueFrom
    .slice(at + SECRET.length)
    .split(':')
  if (name === undefined || name === '' || extra.length > 0) return undefined
  return {
    kind: 'secretsmanager',
    secretId: valueFrom.slice(0, at + SECRET.length) + name,
    jsonKey: part(jsonKey),
    versionStage: part(versionStage),
    versionId: part(versionId),
  }
}
