import { readFileSync } from 'node:fs'
import t from 'tap'
import * as entry from '../../src/agent-protocol/index.js'

t.test('the entry exports the codec, and package.json maps the subpath to its build', t => {
  t.strictSame(Object.keys(entry).sort(), [
    'encodeFrame',
    'encodePayload',
    'parseAgentFrame',
    'parseServerFrame',
    'payloadTask',
  ])
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    exports: Record<string, unknown>
  }
  t.same(pkg.exports['./agent-protocol'], {
    types: './dist/agent-protocol/index.d.ts',
    default: './dist/agent-protocol/index.js',
  })
  t.end()
})
