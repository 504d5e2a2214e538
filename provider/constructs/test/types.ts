/**
 * Type tests over the built bindings (dist/, `npm run build`), through the consumer fixture
 * test/fixtures/consumer/app.ts compiled with the repository's strict settings:
 * - it compiles, so every `@ts-expect-error` line is an error;
 * - with those comments removed, exactly those lines fail, so no line passes by accident;
 * - hovering over a construct's config attribute shows the description from the provider schema.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { providerSchemasJson, PROVIDER_SOURCE } from '@quayside/provider'
import t from 'tap'
import ts from 'typescript'

t.setTimeout(120_000)

const fixture = join(import.meta.dirname, 'fixtures', 'consumer')
const app = join(fixture, 'app.ts')
const appText = readFileSync(app, 'utf8')
const config = ts.getParsedCommandLineOfConfigFile(
  join(fixture, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
)
if (!config) throw new Error('the consumer fixture tsconfig is unreadable')
const { options, fileNames } = config

/** The diagnostics of the fixture, with app.ts's text replaced by `text`. */
function diagnostics(text: string): readonly ts.Diagnostic[] {
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    name === app
      ? ts.createSourceFile(name, text, language)
      : getSourceFile(name, language, ...rest)
  return ts.getPreEmitDiagnostics(ts.createProgram([app], options, host))
}

function lineOf(diagnostic: ts.Diagnostic): number {
  const { file, start } = diagnostic
  return file && start !== undefined ? file.getLineAndCharacterOfPosition(start).line : -1
}

t.ok(existsSync(join(import.meta.dirname, '..', 'dist', 'index.d.ts')), 'built (npm run build)')

t.test('the fixture compiles with every mistake marked', t => {
  const found = diagnostics(appText).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  t.same(found, [])
  t.end()
})

t.test('without the markers, exactly the marked lines are errors', t => {
  const lines = appText.split('\n')
  const marked = lines.flatMap((line, index) =>
    line.startsWith('// @ts-expect-error') ? [index] : [],
  )
  t.ok(marked.length >= 5, 'the fixture marks its mistakes')
  const unmarked = lines.map(line => line.replace(/^\/\/ @ts-expect-error.*$/, '')).join('\n')
  const failing = [...new Set(diagnostics(unmarked).map(lineOf))].sort((a, b) => a - b)
  t.same(
    failing,
    marked.map(line => line + 1),
    'each marked line, and nothing else, fails to compile',
  )
  t.end()
})

/** What an editor shows on hover at `needle`'s first occurrence in app.ts. */
function hover(needle: string): string {
  const service = ts.createLanguageService({
    getCompilationSettings: () => options,
    getScriptFileNames: () => fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: name => {
      const text = ts.sys.readFile(name)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => fixture,
    getDefaultLibFileName: settings => ts.getDefaultLibFilePath(settings),
    fileExists: path => ts.sys.fileExists(path),
    readFile: path => ts.sys.readFile(path),
    readDirectory: (path, extensions, exclude, include, depth) =>
      ts.sys.readDirectory(path, extensions, exclude, include, depth),
    directoryExists: path => ts.sys.directoryExists(path),
    getDirectories: path => ts.sys.getDirectories(path),
  })
  const position = appText.indexOf(needle)
  if (position < 0) throw new Error(`${needle} is not in the fixture`)
  const info = service.getQuickInfoAtPosition(app, position)
  return ts.displayPartsToString(info?.documentation)
}

const schema = providerSchemasJson().provider_schemas[PROVIDER_SOURCE]

function described(block: { attributes?: Record<string, Record<string, unknown>> } | undefined) {
  return (name: string): string => {
    const description = block?.attributes?.[name]?.['description']
    if (typeof description !== 'string') throw new Error(`${name} has no description`)
    return description
  }
}

t.test('hover shows the attribute description from the provider schema', t => {
  const providerAttribute = described(schema?.provider.block)
  const clusterAttribute = described(schema?.resource_schemas['quayside_cluster']?.block)
  const taskAttribute = described(schema?.resource_schemas['quayside_task_definition']?.block)
  const serviceAttribute = described(schema?.resource_schemas['quayside_service']?.block)
  const cases = [
    { needle: "endpoint: 'http", want: providerAttribute('endpoint') },
    { needle: "name: 'main'", want: clusterAttribute('name') },
    { needle: 'containerDefinitions: JSON', want: taskAttribute('container_definitions') },
    { needle: 'desiredCount: 1', want: serviceAttribute('desired_count') },
  ]
  for (const { needle, want } of cases) {
    t.ok(want.length > 0, `${needle}: the schema describes it`)
    t.match(hover(needle), want, needle)
  }
  t.end()
})
