import t from 'tap'
import { JsonText, serialised, toJson } from '../src/json-text.js'

t.test('JSON text is taken as it is; anything else is serialised', t => {
  t.equal(toJson(new JsonText('{"a":1}')), '{"a":1}')
  t.equal(toJson({ a: 1 }), '{"a":1}')
  t.end()
})

t.test('a value noted as serialised answers its noted text; other values are serialised', t => {
  const value = serialised({ tasks: [{ a: 1 }] }, '{"tasks":[{"a":1}]}')
  t.same(value, { tasks: [{ a: 1 }] }, 'the value itself is returned')
  // The noted text wins, which shows that the value is not serialised again.
  t.equal(toJson(serialised({ a: 1 }, '{"a":1 }')), '{"a":1 }')
  t.equal(toJson({ a: 1 }), '{"a":1}', 'an equal value not noted is serialised')
  t.equal(toJson(null), 'null')
  t.end()
})
