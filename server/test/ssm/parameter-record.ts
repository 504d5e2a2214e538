// Parameter names, references (name, name:selector, ARN) and versions, as SSM reads them.
import t from 'tap'
import {
  checkParameterName,
  parameterArnOf,
  parseParameterReference,
  selectVersion,
  type ParameterRecord,
} from '../../src/ssm/parameter-record.js'

const scope = { account: '000000000000', region: 'us-east-1' }

t.test('names PutParameter accepts and refuses', t => {
  const ok = [
    'a',
    'db_password',
    '/app/db/password',
    'a.b-c',
    `/${Array.from({ length: 15 }, () => 'l').join('/')}`,
  ]
  for (const name of ok)
    t.doesNotThrow(() => {
      checkParameterName(name)
    }, name)
  const bad: [string, string, RegExp][] = [
    ['bad name!', 'ValidationException', /only a-z/],
    ['/aws/thing', 'ValidationException', /prefixed with "aws" or "ssm"/],
    ['SSM-x', 'ValidationException', /prefixed/],
    ['app/db', 'ValidationException', /must begin with a forward slash/],
    ['/app/', 'ValidationException', /may be empty/],
    ['/a//b', 'ValidationException', /may be empty/],
    [
      `/${Array.from({ length: 16 }, () => 'l').join('/')}`,
      'HierarchyLevelLimitExceededException',
      /15 levels/,
    ],
  ]
  for (const [name, shapeName, message] of bad)
    t.throws(
      () => {
        checkParameterName(name)
      },
      { shapeName, message },
      name,
    )
  t.end()
})

t.test('references: names, selectors and ARNs', t => {
  const cases = [
    { given: '/app/db', want: { names: ['/app/db'], selector: undefined } },
    { given: '/app/db:3', want: { names: ['/app/db'], selector: '3' } },
    { given: 'plain:label1', want: { names: ['plain'], selector: 'label1' } },
    {
      given: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db',
      want: { names: ['/app/db'], selector: undefined },
    },
    {
      given: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain:2',
      want: { names: ['plain', '/plain'], selector: '2' },
    },
  ]
  for (const { given, want } of cases) t.same(parseParameterReference(given, scope), want, given)
  const refused = [
    'arn:aws:ssm:eu-west-1:000000000000:parameter/app/db',
    'arn:aws:ssm:us-east-1:111111111111:parameter/app/db',
    'arn:aws:ssm:us-east-1:000000000000:document/x',
  ]
  for (const given of refused)
    t.throws(
      () => parseParameterReference(given, scope),
      { name: 'ServiceError', shapeName: 'ValidationException' },
      given,
    )
  t.equal(parameterArnOf(scope, '/app/db'), 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db')
  t.equal(parameterArnOf(scope, 'plain'), 'arn:aws:ssm:us-east-1:000000000000:parameter/plain')
  t.end()
})

t.test('selectors pick a version by number or label', t => {
  const version = (n: number, labels: string[] = []) => ({
    version: n,
    value: 'v1:x',
    lastModifiedDate: n,
    lastModifiedUser: 'me',
    labels,
  })
  const record: ParameterRecord = {
    name: '/a',
    type: 'String',
    dataType: 'text',
    tier: 'Standard',
    tags: [],
    versions: [version(1), version(2, ['prod']), version(3)],
  }
  const given: [string | undefined, number | undefined][] = [
    [undefined, 3],
    ['1', 1],
    ['prod', 2],
    ['9', undefined],
    ['dev', undefined],
  ]
  for (const [selector, want] of given)
    t.equal(selectVersion(record, selector)?.version, want, String(selector))
  t.end()
})
