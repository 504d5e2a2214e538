import t from 'tap'
import { parseIni } from '../src/ini.js'

const cases: [string, { given: string; want: Record<string, Record<string, string>> }][] = [
  [
    'sections and keys',
    {
      given: '[default]\nkey = value\n[b]\nx=1',
      want: { default: { key: 'value' }, b: { x: '1' } },
    },
  ],
  [
    'comments and blank lines',
    { given: '# c\n; c\n\n[a]\n# c\nk = v # trailing\nj = a#b', want: { a: { k: 'v', j: 'a#b' } } },
  ],
  ['CRLF and surrounding space', { given: '[ a ]\r\n  k  =  v  \r\n', want: { a: { k: 'v' } } }],
  ['keys before any section are ignored', { given: 'k = v\n[a]\nj = w', want: { a: { j: 'w' } } }],
  [
    'lines without = are ignored',
    { given: '[a]\nnonsense\n=novalue\nk=v', want: { a: { k: 'v' } } },
  ],
  [
    'nested settings',
    {
      given: '[a]\ns3 =\n  max = 10\n  y = 2\nk = v\n  z = 3',
      want: { a: { s3: '', 's3.max': '10', 's3.y': '2', k: 'v', z: '3' } },
    },
  ],
  [
    'duplicates: later wins, sections merge',
    { given: '[a]\nk=1\n[a]\nk=2\nj=3', want: { a: { k: '2', j: '3' } } },
  ],
  [
    'section header with comment',
    { given: '[profile x] # mine\nk=v', want: { 'profile x': { k: 'v' } } },
  ],
  ['value with =', { given: '[a]\nk = a=b', want: { a: { k: 'a=b' } } }],
]

for (const [name, { given, want }] of cases) {
  t.test(name, t => {
    t.same(parseIni(given), want)
    t.end()
  })
}
