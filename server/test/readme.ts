import { readFileSync } from 'node:fs'
import t from 'tap'
import { builtOperations, UNSUPPORTED_OPERATIONS } from '../src/operations/index.js'

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
  const builtNames = Object.keys(builtOperations).sort()
  t.same([...built].sort(), builtNames, "Built: the registry's built set")
  t.same([...unsupported].sort(), [...UNSUPPORTED_OPERATIONS].sort(), 'the rest of the spec')
  t.match(readme, `Built (${builtNames.length})`, 'the Built count')
  t.match(
    readme,
    `\`UnsupportedFeatureException\` in this version (${UNSUPPORTED_OPERATIONS.length})`,
    'the unsupported count',
  )
  t.end()
})
