// DescribeParameters' and GetParametersByPath's filters as one predicate, and what SSM refuses.
import t from 'tap'
import { compileFilters, underPath } from '../../src/ssm/parameter-filters.js'
import type { ParameterRecord } from '../../src/ssm/parameter-record.js'

const record = (name: string, type: ParameterRecord['type'] = 'String'): ParameterRecord => ({
  name,
  type,
  dataType: 'text',
  tier: 'Standard',
  ...(type === 'SecureString' ? { keyId: 'alias/aws/ssm' } : {}),
  tags: [],
  versions: [
    { version: 1, value: 'v1:x', lastModifiedDate: 1, lastModifiedUser: 'me', labels: [] },
  ],
})
const all = [
  record('/app/db/password', 'SecureString'),
  record('/app/url'),
  record('plain'),
  record('/other/x'),
]
const names = (filter: (r: ParameterRecord) => boolean) => all.filter(filter).map(r => r.name)

t.test('filters select', t => {
  const cases = [
    {
      given: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app'] }],
      want: ['/app/db/password', '/app/url'],
    },
    { given: [{ Key: 'Name', Values: ['plain'] }], want: ['plain'] },
    { given: [{ Key: 'Name', Option: 'Contains', Values: ['db'] }], want: ['/app/db/password'] },
    { given: [{ Key: 'Type', Values: ['SecureString'] }], want: ['/app/db/password'] },
    { given: [{ Key: 'KeyId', Values: ['alias/aws/ssm'] }], want: ['/app/db/password'] },
    { given: [{ Key: 'Path', Option: 'OneLevel', Values: ['/app'] }], want: ['/app/url'] },
    {
      given: [{ Key: 'Path', Option: 'Recursive', Values: ['/app'] }],
      want: ['/app/db/password', '/app/url'],
    },
    { given: [{ Key: 'Path', Values: ['/'] }], want: [] },
    { given: [], want: all.map(r => r.name) },
  ]
  for (const { given, want } of cases)
    t.same(names(compileFilters('describe', given)), want, JSON.stringify(given))
  t.same(
    names(compileFilters('describe', undefined, [{ Key: 'Name', Values: ['/app/u'] }])),
    ['/app/url'],
    'legacy Filters',
  )
  t.ok(underPath('/a', '/', false))
  t.notOk(underPath('/a/b', '/', false))
  t.ok(underPath('/a/b', '/', true))
  t.end()
})

t.test('filters refused', t => {
  const cases: [Parameters<typeof compileFilters>, string][] = [
    [['by-path', [{ Key: 'Name', Values: ['x'] }]], 'InvalidFilterKey'],
    [['describe', [{ Key: 'Colour', Values: ['x'] }]], 'InvalidFilterKey'],
    [['describe', [{ Key: 'Type', Option: 'BeginsWith', Values: ['x'] }]], 'InvalidFilterOption'],
    [['describe', [{ Key: 'Type', Values: [] }]], 'InvalidFilterValue'],
    [['describe', [{ Key: 'Path', Values: ['app'] }]], 'InvalidFilterValue'],
    [
      ['describe', [{ Key: 'Type', Values: ['String'] }], [{ Key: 'Name', Values: ['a'] }]],
      'ValidationException',
    ],
  ]
  for (const [args, shapeName] of cases)
    t.throws(
      () => compileFilters(...args),
      { name: 'ServiceError', shapeName },
      JSON.stringify(args),
    )
  t.end()
})
