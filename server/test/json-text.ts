import t from 'tap'
import { JsonText, toJson } from '../src/json-text.js'

t.test('JSON text is taken as it is; anything else is serialised', t => {
  t.equal(toJson(new JsonText('{"a":1}')), '{"a":1}')
  t.equal(toJson({ a: 1 }), '{"a":1}')
  t.end()
})
