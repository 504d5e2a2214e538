import t from 'tap'
import { translateJavaRegex } from '../../src/query/java-regex.js'

// given: a Java pattern; want: the anchored JavaScript source and flags, or the refusal reason.
const translations: [
  string,
  { given: string; want: { source: string; flags?: string } | string },
][] = [
  ['plain', { given: 't2.*', want: { source: '^(?:t2.*)$' } }],
  ['alternation stays inside the anchors', { given: 'a|b', want: { source: '^(?:a|b)$' } }],
  [
    'groups and look-arounds',
    {
      given: '(?:a)(?=b)(?!c)(?<=d)(?<!e)(?<n>f)\\k<n>',
      want: { source: '^(?:(?:a)(?=b)(?!c)(?<=d)(?<!e)(?<n>f)\\k<n>)$' },
    },
  ],
  [
    'shared escapes',
    {
      given: '\\d\\D\\s\\S\\w\\W\\b\\B\\t\\n\\r\\f',
      want: { source: '^(?:\\d\\D\\s\\S\\w\\W\\b\\B\\t\\n\\r\\f)$' },
    },
  ],
  ['operand escapes', { given: '\\cA\\x41\\u0041', want: { source: '^(?:\\cA\\x41\\u0041)$' } }],
  ['punctuation escapes', { given: '\\.\\*\\+', want: { source: '^(?:\\.\\*\\+)$' } }],
  [
    'escaped + after a quantifier is not possessive',
    { given: 'a*\\+', want: { source: '^(?:a*\\+)$' } },
  ],
  ['bell and escape', { given: '\\a\\e', want: { source: '^(?:\\x07\\x1B)$' } }],
  ['\\Q...\\E quoting', { given: '\\Qa.b*\\Ec', want: { source: '^(?:a\\.b\\*c)$' } }],
  ['\\Q to the end', { given: 'x\\Q(y)', want: { source: '^(?:x\\(y\\))$' } }],
  ['leading flags', { given: '(?si)a.b', want: { source: '^(?:a.b)$', flags: 'is' } }],
  ['repeated leading flag', { given: '(?mm)a', want: { source: '^(?:a)$', flags: 'm' } }],
  [
    '\\A \\z \\Z',
    {
      given: '\\Aa\\Z|b\\z',
      want: { source: '^(?:(?<![\\s\\S])a(?=\\n?(?![\\s\\S]))|b(?![\\s\\S]))$' },
    },
  ],
  ['POSIX property', { given: '\\p{Lower}+', want: { source: '^(?:[a-z]+)$' } }],
  ['POSIX property, Is prefix', { given: '\\p{IsDigit}', want: { source: '^(?:[0-9])$' } }],
  [
    'negated POSIX property',
    { given: '\\P{Space}', want: { source: '^(?:[^ \\t\\n\\x0B\\f\\r])$' } },
  ],
  ['POSIX property in a class', { given: '[\\p{Upper}_]', want: { source: '^(?:[A-Z_])$' } }],
  ['counted quantifier', { given: 'a{2,3}b{4}c{1,}', want: { source: '^(?:a{2,3}b{4}c{1,})$' } }],
  ['character class', { given: '[^a-z\\]]x', want: { source: '^(?:[^a-z\\]]x)$' } }],
  ['class then quantifier then literal +', { given: '[+]+', want: { source: '^(?:[+]+)$' } }],
  ['escape in a class', { given: '[\\w.]', want: { source: '^(?:[\\w.])$' } }],
  ['refuses possessive *+', { given: 'a*+', want: 'possessive quantifiers are not supported' }],
  ['refuses possessive ++', { given: 'a++', want: 'possessive quantifiers are not supported' }],
  ['refuses possessive {n}+', { given: 'a{2}+', want: 'possessive quantifiers are not supported' }],
  ['refuses atomic groups', { given: '(?>a)', want: 'atomic groups (?>...) are not supported' }],
  [
    'refuses unknown leading flags',
    { given: '(?x)a', want: 'inline flags "x" are not supported (only i, s and m)' },
  ],
  [
    'refuses inner flags',
    { given: 'a(?i)b', want: 'inline flags are supported only at the start of the pattern' },
  ],
  [
    'refuses scoped flags',
    { given: '(?i:a)', want: 'inline flags are supported only at the start of the pattern' },
  ],
  [
    'refuses nested classes',
    { given: '[a[b]]', want: 'nested character classes are not supported' },
  ],
  [
    'refuses intersections',
    { given: '[a-z&&b]', want: 'character class intersection (&&) is not supported' },
  ],
  ['refuses \\h', { given: '\\h', want: 'the escape \\h is not supported' }],
  ['refuses \\v', { given: '\\v', want: 'the escape \\v is not supported' }],
  ['refuses \\G', { given: '\\Ga', want: 'the escape \\G is not supported' }],
  ['refuses anchors in a class', { given: '[\\A]', want: 'the escape \\A is not supported' }],
  ['refuses \\x{...}', { given: '\\x{41}', want: 'malformed escape \\x' }],
  ['refuses a short \\u', { given: '\\u41', want: 'malformed escape \\u' }],
  [
    'refuses Unicode properties',
    { given: '\\p{L}', want: 'character property \\p{L} is not supported' },
  ],
  [
    'refuses prototype names',
    { given: '\\p{constructor}', want: 'character property \\p{constructor} is not supported' },
  ],
  ['refuses a bare \\p', { given: '\\pL', want: 'character property \\p is not supported' }],
  [
    'refuses negated properties in a class',
    { given: '[\\P{Digit}]', want: 'a negated property inside a character class is not supported' },
  ],
  ['refuses a lone backslash', { given: 'a\\', want: 'the pattern ends with a lone backslash' }],
]

t.test('translates Java patterns', t => {
  for (const [name, { given, want }] of translations) {
    const expected =
      typeof want === 'string'
        ? { ok: false, reason: want }
        : { ok: true, source: want.source, flags: want.flags ?? '' }
    t.same(translateJavaRegex(given), expected, name)
  }
  t.end()
})

t.test('translations compile and match whole values the way Java matches() does', t => {
  const cases: [string, string, boolean][] = [
    ['t2.*', 't2.micro', true],
    ['t2', 't2.micro', false],
    ['a|b', 'ab', false],
    ['\\Qa.b\\E', 'axb', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['(?i)abc', 'ABC', true],
    ['\\p{Alnum}+', 'abc123', true],
    ['\\p{Punct}', '-', true],
    ['\\Aab\\z', 'ab', true],
  ]
  for (const [pattern, value, want] of cases) {
    const translated = translateJavaRegex(pattern)
    if (!translated.ok) {
      t.fail(`${pattern}: ${translated.reason}`)
      continue
    }
    t.equal(
      new RegExp(translated.source, translated.flags).test(value),
      want,
      `${pattern} on ${value}`,
    )
  }
  t.end()
})
