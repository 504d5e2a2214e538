// The committed spec is valid OpenAPI 3.1 by a real validator: Redocly's CLI, with every built-in
// rule on except the few redocly.yaml turns off (each with its reason there).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { loadSpec, specPath } from '../../src/index.js'
import { packageDir } from '../../src/generate.js'

t.setTimeout(120_000)

const run = promisify(execFile)
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
  'bin',
  'cli.js',
)
const config = join(packageDir, 'redocly.yaml')

interface LintReport {
  totals: { errors: number; warnings: number }
  problems: { ruleId: string; message: string }[]
}

async function lint(file: string): Promise<LintReport> {
  const args = [
    cli,
    'lint',
    file,
    '--config',
    config,
    '--format',
    'json',
    '--max-problems',
    '100000',
  ]
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 << 20 })
    return JSON.parse(stdout) as LintReport
  } catch (error) {
    // redocly exits non-zero when it finds errors; the report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout ?? ''
    if (stdout === '') throw error
    return JSON.parse(stdout) as LintReport
  }
}

t.test('generated/ecs.openapi.json lints clean', async t => {
  const report = await lint(specPath)
  t.same(
    report.problems.map(p => `${p.ruleId}: ${p.message}`),
    [],
    'no problem reported',
  )
  t.equal(report.totals.errors, 0)
  t.equal(report.totals.warnings, 0)
})

t.test('the same lint catches a broken document', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-openapi-lint-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const spec = loadSpec() as unknown as {
    paths: Record<string, { post: Record<string, unknown> }>
  }
  const runTask = spec.paths['/RunTask']!.post
  runTask['responses'] = { '200': { content: {} } }
  runTask['requestBody'] = {
    content: {
      'application/x-amz-json-1.1': { schema: { $ref: '#/components/schemas/NoSuchShape' } },
    },
  }
  const broken = join(dir, 'broken.json')
  writeFileSync(broken, JSON.stringify(spec))
  const report = await lint(broken)
  t.ok(report.totals.errors >= 2, 'a malformed response and an unresolved $ref are errors')
  const rules = new Set(report.problems.map(p => p.ruleId))
  t.ok(rules.has('no-unresolved-refs'), 'unresolved $ref reported')
  t.ok(rules.has('struct'), 'a response without description reported')
})
