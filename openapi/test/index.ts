// The package entry: where the spec is, how it loads, and the operation names.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageDir } from '../src/generate.js'
import { loadSpec, operationNames, specPath } from '../src/index.js'

t.test('specPath is the committed file', t => {
  t.equal(specPath, join(packageDir, 'generated', 'ecs.openapi.json'))
  t.ok(existsSync(specPath))
  t.end()
})

t.test('loadSpec parses it afresh on every call', t => {
  const a = loadSpec()
  const b = loadSpec()
  t.not(a, b)
  t.same(a, b)
  t.equal(a.openapi, '3.1.0')
  t.same(a, JSON.parse(readFileSync(specPath, 'utf8')))
  t.end()
})

t.test('operationNames: the 77 model operations, sorted and frozen', t => {
  const model = JSON.parse(readFileSync(join(packageDir, 'model', 'service-2.json'), 'utf8')) as {
    operations: Record<string, unknown>
  }
  t.equal(operationNames.length, 77)
  t.same(operationNames, Object.keys(model.operations).sort())
  t.ok(Object.isFrozen(operationNames))
  t.ok(operationNames.includes('RunTask'))
  t.end()
})

t.test('package.json exports the entry and the JSON subpath', t => {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>
    files: string[]
  }
  t.same(pkg.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' })
  t.equal(pkg.exports['./ecs.openapi.json'], './generated/ecs.openapi.json')
  t.ok(pkg.files.includes('generated'))
  t.end()
})
