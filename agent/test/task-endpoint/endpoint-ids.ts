import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  endpointId,
  loadEndpointState,
  saveEndpointState,
} from '../../src/task-endpoint/endpoint-ids.js'

t.test('ids: stable for one key, different per container, task, purpose and key', t => {
  const key = 'a'.repeat(64)
  const id = endpointId(key, 'container', 'arn:t1', 'web')
  t.match(id, /^[0-9a-f]{32}$/)
  t.equal(endpointId(key, 'container', 'arn:t1', 'web'), id)
  const others = [
    endpointId(key, 'container', 'arn:t1', 'db'),
    endpointId(key, 'container', 'arn:t2', 'web'),
    endpointId(key, 'credentials', 'arn:t1'),
    endpointId('b'.repeat(64), 'container', 'arn:t1', 'web'),
  ]
  t.equal(new Set([id, ...others]).size, 5)
  t.end()
})

t.test('state: a fresh key when none is kept, the kept one (and port) after a save', async t => {
  const dir = t.testdir()
  const file = join(dir, 'task-endpoint.json')
  const fresh = await loadEndpointState(file)
  t.match(fresh, { key: /^[0-9a-f]{64}$/, port: 0 })
  await saveEndpointState(file, { key: fresh.key, port: 41234 })
  t.strictSame(await loadEndpointState(file), { key: fresh.key, port: 41234 })
  const rows = ['not json', '{"key":"short","port":1}', `{"key":"${'c'.repeat(64)}","port":"x"}`]
  const wants = [undefined, undefined, { key: 'c'.repeat(64), port: 0 }]
  for (const [i, text] of rows.entries()) {
    writeFileSync(file, text)
    const got = await loadEndpointState(file)
    const want = wants[i]
    if (want) t.strictSame(got, want, text)
    else t.not(got.key, fresh.key, `${text}: a fresh key`)
  }
})
