// Secret ids (names, full and partial ARNs), new ARNs, and staging labels moving between versions.
import t from 'tap'
import {
  nameProblem,
  newSecretArn,
  parseSecretId,
  stageNewVersion,
  type SecretVersion,
} from '../../src/secretsmanager/secret-record.js'

const scope = { account: '000000000000', region: 'us-east-1' }
const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:'

t.test('secret ids', t => {
  const cases = [
    { given: 'db', want: { name: 'db', candidates: ['db'] } },
    {
      given: `${ARN}db-AbCdEf`,
      want: { name: 'db', arn: `${ARN}db-AbCdEf`, candidates: ['db', 'db-AbCdEf'] },
    },
    { given: `${ARN}db`, want: { name: 'db', arn: undefined, candidates: ['db'] } },
    { given: `${ARN}app/db`, want: { name: 'app/db', arn: undefined, candidates: ['app/db'] } },
    { given: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:db-AbCdEf', want: undefined },
    { given: 'arn:aws:ssm:us-east-1:000000000000:parameter/db', want: undefined },
  ]
  for (const { given, want } of cases) t.same(parseSecretId(given, scope), want, given)
  t.match(
    newSecretArn(scope, 'db'),
    /^arn:aws:secretsmanager:us-east-1:000000000000:secret:db-[A-Za-z0-9]{6}$/,
  )
  t.equal(nameProblem('app/db_1+x=y.z@w-v'), undefined)
  t.match(nameProblem('bad name'), /Invalid name/)
  t.end()
})

const v = (versionId: string, stages: string[]): SecretVersion => ({
  versionId,
  stages,
  createdDate: 1,
})

t.test('staging labels move to the new version', t => {
  const cases = [
    {
      given: { versions: [v('1', ['AWSCURRENT'])], added: v('2', ['AWSCURRENT']) },
      want: [v('1', ['AWSPREVIOUS']), v('2', ['AWSCURRENT'])],
    },
    {
      given: {
        versions: [v('1', ['AWSPREVIOUS']), v('2', ['AWSCURRENT'])],
        added: v('3', ['AWSCURRENT']),
      },
      want: [v('1', []), v('2', ['AWSPREVIOUS']), v('3', ['AWSCURRENT'])],
    },
    {
      given: { versions: [v('1', ['AWSCURRENT'])], added: v('2', ['AWSPENDING']) },
      want: [v('1', ['AWSCURRENT']), v('2', ['AWSPENDING'])],
    },
  ]
  for (const { given, want } of cases) t.same(stageNewVersion(given.versions, given.added), want)
  const many = Array.from({ length: 101 }, (_, i) => v(`old${i}`, []))
  const kept = stageNewVersion([...many, v('cur', ['AWSCURRENT'])], v('new', ['AWSCURRENT']))
  t.equal(kept.filter(x => x.stages.length === 0).length, 100, 'at most 100 unlabelled versions')
  t.equal(kept[0]?.versionId, 'old1', 'the oldest go first')
  t.end()
})
