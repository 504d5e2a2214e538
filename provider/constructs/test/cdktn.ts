/**
 * CDK Terrain (`cdktn`, the community continuation of the archived CDKTF) runs the same generated
 * bindings with one change: `from 'cdktf'` becomes `from 'cdktn'`. The committed bindings and a
 * small stack are copied twice into a scratch folder, once as they are and once renamed; both copies
 * must type-check against their library, and both must synthesize the same Terraform JSON.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import ts from 'typescript'

t.setTimeout(180_000)

const run = promisify(execFile)
const generated = join(import.meta.dirname, '..', 'src', 'generated', 'providers', 'quayside')

const stackSource = `
import { App, TerraformStack } from 'cdktf'
import { cluster, provider, service, taskDefinition } from './bindings'

const app = new App({ outdir: process.argv[2] })
const stack = new TerraformStack(app, 'renamed')
new provider.QuaysideProvider(stack, 'quayside', { endpoint: 'http://127.0.0.1:4100' })
const main = new cluster.Cluster(stack, 'main', {
  name: 'main',
  setting: [{ name: 'containerInsights', value: 'enabled' }],
})
const web = new taskDefinition.TaskDefinition(stack, 'web', {
  family: 'web',
  containerDefinitions: JSON.stringify([{ name: 'web', image: 'quayside/busybox:test' }]),
  volume: [{ name: 'data', hostPath: '/srv/data' }],
})
new service.Service(stack, 'service', {
  name: 'web',
  cluster: main.arn,
  taskDefinition: web.arn,
  desiredCount: 2,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  orderedPlacementStrategy: [{ type: 'spread', field: 'instanceId' }],
})
app.synth()
`

/** `from 'cdktf'` (and `import * as cdktf from 'cdktf'`) pointed at `library`. */
function rename(text: string, library: string): string {
  return text.replaceAll("from 'cdktf'", `from '${library}'`)
}

function copy(library: string, into: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(generated, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name === 'lazy-index.ts') continue
    const from = join(entry.parentPath, entry.name)
    const to = join(into, 'bindings', relative(generated, from))
    mkdirSync(dirname(to), { recursive: true })
    writeFileSync(to, rename(readFileSync(from, 'utf8'), library))
    files.push(to)
  }
  const main = join(into, 'main.ts')
  writeFileSync(main, rename(stackSource, library))
  return [main, ...files]
}

/** Type-checks and compiles one copy to CommonJS; answers the compiler's complaints. */
function compile(files: string[], outDir: string): string[] {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2020,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    outDir,
    rootDir: dirname(files[0] ?? ''),
  })
  const emitted = program.emit()
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map(d =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  )
}

/** The synthesized stack without cdktf's own metadata (which names the library and version). */
function synthesized(outdir: string): unknown {
  const text = readFileSync(join(outdir, 'stacks', 'renamed', 'cdk.tf.json'), 'utf8')
  return JSON.parse(text, (key, value: unknown) => (key === '//' ? undefined : value))
}

const scratch = t.testdir()
const results = new Map<string, unknown>()
for (const library of ['cdktf', 'cdktn']) {
  await t.test(`the bindings under ${library}`, async t => {
    const source = join(scratch, library, 'src')
    const built = join(scratch, library, 'js')
    const problems = compile(copy(library, source), built)
    t.same(problems, [], 'type-check against its API')
    const cluster = readFileSync(join(built, 'bindings', 'cluster', 'index.js'), 'utf8')
    t.match(cluster, `require("${library}")`, `the bindings load ${library}`)
    t.notMatch(cluster, library === 'cdktn' ? 'require("cdktf")' : 'require("cdktn")')
    const outdir = join(scratch, library, 'out')
    await run(process.execPath, [join(built, 'main.js'), outdir], { cwd: scratch })
    const json = synthesized(outdir)
    t.match(json, { resource: { quayside_cluster: { main: { name: 'main' } } } })
    results.set(library, json)
  })
}

t.test('both synthesize the same Terraform JSON', t => {
  t.ok(results.get('cdktf'), 'cdktf synthesized')
  t.same(results.get('cdktn'), results.get('cdktf'))
  t.end()
})
