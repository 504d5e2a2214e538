// Reading the generator's inputs: the real folders, and broken copies in a temp folder.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { packageDir } from '../../src/generate.js'
import { loadInputs, readSummaries, sha256Of } from '../../src/model/load.js'

const modelDir = join(packageDir, 'model')
const overlaysDir = join(packageDir, 'overlays')

t.test('the real inputs', t => {
  const inputs = loadInputs(modelDir, overlaysDir)
  t.equal(Object.keys(inputs.service.operations).length, 77)
  t.equal(Object.keys(inputs.summaries).length, 77)
  t.equal(Object.keys(inputs.paginators.pagination).length, 9)
  t.equal(inputs.waiters.version, 2)
  t.equal(inputs.botocoreVersion, '1.43.11')
  t.match(inputs.modelSha256, /^[0-9a-f]{64}$/)
  t.equal(inputs.modelSha256, sha256Of(join(modelDir, 'service-2.json')))
  t.end()
})

t.test('broken inputs are ECS_OAS_BAD_MODEL naming the file', t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-openapi-load-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const cases: [string, string, string, RegExp][] = [
    ['not JSON', 'model/service-2.json', '{', /service-2\.json: cannot read it as JSON/],
    ['not an object', 'model/service-2.json', '[]', /service-2\.json: not a JSON object/],
    [
      'no shapes',
      'model/service-2.json',
      '{"metadata":{},"operations":{}}',
      /"shapes" is missing or not an object/,
    ],
    [
      'no pagination',
      'model/paginators-1.json',
      '{"pagination":[]}',
      /paginators-1\.json: "pagination"/,
    ],
    ['no waiters', 'model/waiters-2.json', '{}', /waiters-2\.json: "waiters"/],
    [
      'pin without version',
      'model/pin.json',
      '{"botocore":1}',
      /pin\.json: "botocore" is not a string/,
    ],
    [
      'summary not a string',
      'overlays/summaries.json',
      '{"RunTask":3}',
      /the summary of "RunTask" is not a string/,
    ],
  ]
  for (const [name, file, text, message] of cases) {
    const root = join(dir, name.replace(/ /g, '-'))
    cpSync(modelDir, join(root, 'model'), { recursive: true })
    cpSync(overlaysDir, join(root, 'overlays'), { recursive: true })
    writeFileSync(join(root, file), text)
    t.throws(
      () => loadInputs(join(root, 'model'), join(root, 'overlays')),
      { code: 'ECS_OAS_BAD_MODEL', message },
      name,
    )
  }
  t.throws(
    () => readSummaries(join(dir, 'missing.json')),
    { code: 'ECS_OAS_BAD_MODEL' },
    'missing file',
  )
  t.end()
})
