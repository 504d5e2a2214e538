import { readFileSync } from 'node:fs'
import t from 'tap'
import { operations, UNSUPPORTED_OPERATIONS } from '../src/operations/index.js'

t.test('the README lists the built and the unsupported operations as they are', t => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = (heading: RegExp) => {
    const start = readme.search(heading)
    const rest = readme.slice(start)
    const end = rest.indexOf('\n\n', rest.indexOf('\n- '))
    return new Set([...rest.slice(0, end).matchAll(/^- (\w+)$/gm)].map(m => m[1]))
  }
  const built = section(/^Built \(\d+\)/m)
  const unsupported = section(/^Answering `UnsupportedFeatureException`/m)
  t.same([...unsupported].sort(), [...UNSUPPORTED_OPERATIONS].sort())
  t.same(
    [...built].sort(),
    [...operations.keys()].filter(o => !UNSUPPORTED_OPERATIONS.includes(o)).sort(),
  )
  t.end()
})
