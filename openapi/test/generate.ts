// `npm run generate` reproduces the committed spec byte for byte: the generator runs into memory
// and its text is compared with generated/ecs.openapi.json.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { generateSpec, packageDir } from '../src/generate.js'
import { specPath } from '../src/index.js'

t.test('the committed spec is what the generator writes', t => {
  const committed = readFileSync(specPath, 'utf8')
  const generated = generateSpec()
  t.ok(generated === committed, 'byte for byte equal (run `npm run generate` if not)')
  t.ok(committed.endsWith('}\n'), 'ends with a newline')
  t.equal(generateSpec(), generated, 'deterministic')
  t.end()
})

t.test('explicit folders are honoured', t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-openapi-gen-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  cpSync(join(packageDir, 'model'), join(dir, 'model'), { recursive: true })
  cpSync(join(packageDir, 'overlays'), join(dir, 'overlays'), { recursive: true })
  const summaries = join(dir, 'overlays', 'summaries.json')
  const edited = JSON.parse(readFileSync(summaries, 'utf8')) as Record<string, string>
  edited['RunTask'] = 'A summary changed in a copy'
  writeFileSync(summaries, JSON.stringify(edited))
  const text = generateSpec({ modelDir: join(dir, 'model'), overlaysDir: join(dir, 'overlays') })
  t.match(text, '"summary": "A summary changed in a copy"')
  t.end()
})
