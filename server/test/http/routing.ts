import t from 'tap'
import {
  apiOfTarget,
  resolveOperation,
  SIGNING_NAMES,
  splitOperationKey,
  TARGET_PREFIX,
} from '../../src/http/routing.js'

const known = new Set(['ListClusters', 'CreateCluster'])

t.test('given/want', t => {
  const cases: { given: [string, string | undefined]; want: string | RegExp }[] = [
    { given: ['/', `${TARGET_PREFIX}.ListClusters`], want: 'ListClusters' },
    { given: ['/ListClusters', undefined], want: 'ListClusters' },
    { given: ['/ListClusters', `${TARGET_PREFIX}.ListClusters`], want: 'ListClusters' },
    { given: ['', `${TARGET_PREFIX}.CreateCluster`], want: 'CreateCluster' },
    { given: ['/', undefined], want: /Missing X-Amz-Target/ },
    { given: ['/', 'ListClusters'], want: /Unknown target/ },
    { given: ['/', `${TARGET_PREFIX}.RunTask`], want: /Unknown operation: RunTask/ },
    { given: ['/RunTask', undefined], want: /Unknown operation: RunTask/ },
    { given: ['/CreateCluster', `${TARGET_PREFIX}.ListClusters`], want: /different operations/ },
  ]
  for (const { given, want } of cases) {
    if (typeof want === 'string') t.equal(resolveOperation(given[0], given[1], known), want)
    else
      t.throws(() => resolveOperation(given[0], given[1], known), {
        shapeName: 'UnknownOperationException',
        message: want,
      })
  }
  t.end()
})

t.test('the other APIs on the same endpoint: by target prefix, or by signing name', t => {
  const all = new Set([
    ...known,
    'ssm:GetParameter',
    'secretsmanager:GetSecretValue',
    'logs:GetLogEvents',
  ])
  const cases: {
    given: [string, string | undefined, string | undefined]
    want: string | RegExp
  }[] = [
    { given: ['/', 'AmazonSSM.GetParameter', 'ssm'], want: 'ssm:GetParameter' },
    {
      given: ['/', 'secretsmanager.GetSecretValue', 'secretsmanager'],
      want: 'secretsmanager:GetSecretValue',
    },
    { given: ['/', 'Logs_20140328.GetLogEvents', 'logs'], want: 'logs:GetLogEvents' },
    { given: ['/GetParameter', undefined, 'ssm'], want: 'ssm:GetParameter' },
    { given: ['/GetParameter', 'AmazonSSM.GetParameter', 'ssm'], want: 'ssm:GetParameter' },
    { given: ['/ListClusters', undefined, 'ecs'], want: 'ListClusters' },
    { given: ['/ListClusters', undefined, 'other'], want: 'ListClusters' },
    { given: ['/', 'AmazonSSM.PutParameter', 'ssm'], want: /Unknown operation: PutParameter/ },
    { given: ['/', 'AmazonSSM.ListClusters', 'ssm'], want: /Unknown operation: ListClusters/ },
    { given: ['/ListClusters', undefined, 'ssm'], want: /Unknown operation: ListClusters/ },
    { given: ['/', 'AmazonSSM', 'ssm'], want: /Unknown target/ },
    { given: ['/', 'AmazonSSMX.GetParameter', 'ssm'], want: /Unknown target/ },
  ]
  for (const { given, want } of cases) {
    if (typeof want === 'string') t.equal(resolveOperation(given[0], given[1], all, given[2]), want)
    else
      t.throws(() => resolveOperation(given[0], given[1], all, given[2]), {
        shapeName: 'UnknownOperationException',
        message: want,
      })
  }
  t.same(splitOperationKey('ssm:GetParameter'), { api: 'ssm', operation: 'GetParameter' })
  t.same(splitOperationKey('RunTask'), { api: 'ecs', operation: 'RunTask' })
  t.equal(apiOfTarget('Logs_20140328.PutLogEvents'), 'logs')
  t.equal(apiOfTarget(undefined), undefined)
  t.same(SIGNING_NAMES, ['ecs', 'ssm', 'secretsmanager', 'logs'])
  t.end()
})
