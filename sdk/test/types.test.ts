/**
 * Type tests. The expect-type assertions below are checked by `tsc` (`npm run build` type-checks
 * the tests); at run time this file compiles the consumer fixture under a loose and a strict
 * tsconfig, whose `@ts-expect-error` lines fail the compile if a mistake stops being an error.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expectTypeOf } from 'expect-type'
import t from 'tap'
import ts from 'typescript'
import { ECS, isEcsServiceError, operationNames } from '../src/index.js'
import type {
  Cluster,
  CommonErrorName,
  CreateClusterInput,
  CreateClusterOutput,
  DescribeTasksOutput,
  EcsServiceError,
  OperationErrorName,
  Paginator,
  Task,
} from '../src/index.js'

t.setTimeout(120_000)

/** Never called: its body only has to compile. */
export function compileOnly(ecs: ECS, error: unknown): void {
  expectTypeOf<ECS['createCluster']>().parameter(0).toEqualTypeOf<CreateClusterInput | undefined>()
  expectTypeOf<ECS['createCluster']>().returns.toEqualTypeOf<Promise<CreateClusterOutput>>()
  expectTypeOf<CreateClusterOutput['cluster']>().toEqualTypeOf<Cluster | undefined>()
  expectTypeOf<CreateClusterInput>()
    .toHaveProperty('clusterName')
    .toEqualTypeOf<string | undefined>()
  expectTypeOf<ECS['describeTasks']>()
    .returns.resolves.toHaveProperty('tasks')
    .toEqualTypeOf<Task[] | undefined>()
  expectTypeOf(ecs.paginate.listTasks({})).toEqualTypeOf<
    Paginator<string, Awaited<ReturnType<ECS['listTasks']>>>
  >()
  expectTypeOf<ECS['waitFor']['tasksRunning']>().returns.toEqualTypeOf<
    Promise<DescribeTasksOutput>
  >()
  expectTypeOf<OperationErrorName<'DescribeServices'>>().toEqualTypeOf<
    | 'AccessDeniedException'
    | 'ClientException'
    | 'ClusterNotFoundException'
    | 'InvalidParameterException'
    | 'ServerException'
  >()
  if (isEcsServiceError(error, 'DescribeServices')) {
    expectTypeOf(error).toEqualTypeOf<
      EcsServiceError<OperationErrorName<'DescribeServices'> | CommonErrorName>
    >()
    expectTypeOf(error.name).toExtend<string>()
    // @ts-expect-error not an error DescribeServices can return
    expectTypeOf(error.name).toEqualTypeOf<'ServiceNotFoundException'>()
  }
  // @ts-expect-error a misspelt member is a compile error
  void ecs.createCluster({ clusterNme: 'web' })
  // @ts-expect-error a wrong member type is a compile error
  void ecs.createCluster({ clusterName: 42 })
  // @ts-expect-error `tasks` is required
  void ecs.describeTasks({ cluster: 'web' })
  // @ts-expect-error an enum member takes only its listed values
  void ecs.listTasks({ desiredStatus: 'SLEEPING' })
}

t.test('one method per operation, camelCase', t => {
  const ecs = new ECS({ endpoint: 'http://127.0.0.1:1' })
  for (const name of operationNames) {
    const method = name.charAt(0).toLowerCase() + name.slice(1)
    t.type((ecs as unknown as Record<string, unknown>)[method], 'function', method)
  }
  t.end()
})

const run = promisify(execFile)
const fixture = join(import.meta.dirname, 'fixtures', 'consumer')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

for (const config of ['tsconfig.loose.json', 'tsconfig.strict.json']) {
  t.test(`the consumer fixture compiles with ${config}`, async t => {
    t.ok(
      existsSync(join(import.meta.dirname, '..', 'dist', 'index.d.ts')),
      'sdk is built (npm run build)',
    )
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', join(fixture, config)]).then(
      () => ({ code: 0, output: '' }),
      (error: unknown) => {
        const failed = error as { code?: number; stdout?: string }
        return { code: failed.code ?? 1, output: failed.stdout ?? '' }
      },
    )
    t.equal(result.code, 0, result.output)
  })
}

/** What an editor shows on hover at the first occurrence of `needle` in the consumer fixture. */
function hover(needle: string): string {
  const file = join(fixture, 'app.ts')
  const config = ts.getParsedCommandLineOfConfigFile(
    join(fixture, 'tsconfig.strict.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )
  if (!config) throw new Error('consumer tsconfig unreadable')
  const service = ts.createLanguageService({
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => config.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: name => {
      const text = ts.sys.readFile(name)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => fixture,
    getDefaultLibFileName: options => ts.getDefaultLibFilePath(options),
    fileExists: path => ts.sys.fileExists(path),
    readFile: path => ts.sys.readFile(path),
    readDirectory: (path, extensions, exclude, include, depth) =>
      ts.sys.readDirectory(path, extensions, exclude, include, depth),
    directoryExists: path => ts.sys.directoryExists(path),
    getDirectories: path => ts.sys.getDirectories(path),
  })
  const info = service.getQuickInfoAtPosition(file, readFileSync(file, 'utf8').indexOf(needle))
  const tags = (info?.tags ?? []).map(tag => `@${tag.name} ${ts.displayPartsToString(tag.text)}`)
  return [ts.displayPartsToString(info?.documentation), ...tags].join('\n')
}

t.test('hover shows the operation summary, its errors, and field constraints', t => {
  t.match(hover('createCluster(input)'), /^Create a cluster to hold container instances/)
  t.match(hover('createCluster(input)'), /`InvalidParameterException`/)
  t.match(hover("clusterName: 'web' }"), /@description Optional\. String\./)
  t.match(hover('tasksRunning('), /Success when every `tasks\[\]\.lastStatus` is "RUNNING"/)
  t.end()
})
