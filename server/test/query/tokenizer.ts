import t from 'tap'
import { tokenize } from '../../src/query/tokenizer.js'

t.test('tokens carry kind, text and 1-based position', t => {
  t.same(tokenize('not(a==b)||c in [\'x\',"y"]'), {
    ok: true,
    value: [
      { kind: 'word', text: 'not', position: 1 },
      { kind: '(', text: '(', position: 4 },
      { kind: 'word', text: 'a', position: 5 },
      { kind: 'symbol', text: '==', position: 6 },
      { kind: 'word', text: 'b', position: 8 },
      { kind: ')', text: ')', position: 9 },
      { kind: 'symbol', text: '||', position: 10 },
      { kind: 'word', text: 'c', position: 12 },
      { kind: 'word', text: 'in', position: 14 },
      { kind: '[', text: '[', position: 17 },
      { kind: 'string', text: 'x', position: 18 },
      { kind: ',', text: ',', position: 21 },
      { kind: 'string', text: 'y', position: 22 },
      { kind: ']', text: ']', position: 25 },
      { kind: 'end', text: '', position: 26 },
    ],
  })
  t.end()
})

t.test('symbols take the longest spelling', t => {
  const result = tokenize('>= <= != !~ =~ && > < !')
  t.same(result.ok && result.value.map(token => token.text), [
    '>=',
    '<=',
    '!=',
    '!~',
    '=~',
    '&&',
    '>',
    '<',
    '!',
    '',
  ])
  t.end()
})

t.test('errors', t => {
  t.same(tokenize('a = b'), {
    ok: false,
    message: 'Invalid query expression at 3: unexpected character "="',
  })
  t.same(tokenize('"abc'), {
    ok: false,
    message: 'Invalid query expression at 1: unterminated quoted value (missing closing ")',
  })
  t.end()
})
