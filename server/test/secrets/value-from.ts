// valueFrom as ECS reads it: SSM names and ARNs, Secrets Manager ARNs with their optional parts.
import t from 'tap'
import { parseValueFrom } from '../../src/secrets/value-from.js'

const SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf'
const cases = [
  { given: 'db-password', want: { kind: 'name', name: 'db-password' } },
  { given: '/app/db/password', want: { kind: 'name', name: '/app/db/password' } },
  {
    given: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password',
    want: {
      kind: 'ssm',
      reference: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password',
    },
  },
  {
    given: SECRET,
    want: {
      kind: 'secretsmanager',
      secretId: SECRET,
      jsonKey: undefined,
      versionStage: undefined,
      versionId: undefined,
    },
  },
  {
    given: `${SECRET}:password::`,
    want: {
      kind: 'secretsmanager',
      secretId: SECRET,
      jsonKey: 'password',
      versionStage: undefined,
      versionId: undefined,
    },
  },
  {
    given: `${SECRET}:password:AWSPREVIOUS:`,
    want: {
      kind: 'secretsmanager',
      secretId: SECRET,
      jsonKey: 'password',
      versionStage: 'AWSPREVIOUS',
      versionId: undefined,
    },
  },
  {
    given: `${SECRET}:::0123-abcd`,
    want: {
      kind: 'secretsmanager',
      secretId: SECRET,
      jsonKey: undefined,
      versionStage: undefined,
      versionId: '0123-abcd',
    },
  },
  {
    given: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db',
    want: {
      kind: 'secretsmanager',
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db',
      jsonKey: undefined,
      versionStage: undefined,
      versionId: undefined,
    },
  },
  { given: '', want: undefined },
  { given: 'arn:aws:s3:::bucket/key', want: undefined },
  { given: 'arn:aws:ssm:us-east-1:000000000000:document/x', want: undefined },
  { given: 'arn:aws:secretsmanager:us-east-1:000000000000:rotation/x', want: undefined },
  { given: `${SECRET}:a:b:c:d`, want: undefined },
  { given: 'arn:aws:secretsmanager:us-east-1:000000000000:secret::key::', want: undefined },
] as const

t.test('valueFrom table', t => {
  for (const { given, want } of cases) t.same(parseValueFrom(given), want, given)
  t.end()
})
