import t from 'tap'
import { checkSize, MAX_TASK_DEFINITION_BYTES } from '../../src/task-definitions/size.js'
import { checkTable, client, container, definition } from './fixtures/definitions.js'

/** A definition whose JSON is exactly `bytes` long, padded in one environment value. */
function ofLength(bytes: number) {
  const base = definition({}, container({ environment: [{ name: 'PAD', value: '' }] }))
  const empty = Buffer.byteLength(JSON.stringify(base))
  return definition(
    {},
    container({ environment: [{ name: 'PAD', value: 'x'.repeat(bytes - empty) }] }),
  )
}

t.test('the JSON of the definition is measured in bytes, tags aside', t => {
  t.same(checkSize(ofLength(1000)), { ok: true, value: 1000 })
  const tagged = {
    ...ofLength(MAX_TASK_DEFINITION_BYTES),
    tags: [{ key: 'k', value: 'v'.repeat(200) }],
  }
  t.same(checkSize(tagged), { ok: true, value: MAX_TASK_DEFINITION_BYTES }, 'tags do not count')
  const accented = definition(
    {},
    container({ environment: [{ name: 'E', value: 'é'.repeat(40_000) }] }),
  )
  t.notOk(checkSize(accented).ok, '40,000 two-byte characters are 80,000 bytes')
  t.end()
})

t.test('RegisterTaskDefinition refuses a definition over 64 KiB as ECS does', t => {
  checkTable(t, [
    ['exactly 65,536 bytes', { given: ofLength(65_536), want: 'accepted' }],
    [
      'one byte more',
      {
        given: ofLength(65_537),
        want: client("Actual length: '65537'. Max allowed length is '65536' bytes."),
      },
    ],
  ])
  t.end()
})
