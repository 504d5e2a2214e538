// The committed model is exactly the installed botocore's, prose stripped (what
// scripts/pin-model.ts writes). Needs python3 with botocore; when the installed botocore is not
// the pinned release the comparison means nothing, so it is skipped with that reason.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import t from 'tap'
import type { Test } from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { packageDir } from '../../src/generate.js'
import { stripProse } from '../../src/model/strip.js'

const run = promisify(execFile)
const modelDir = join(packageDir, 'model')
const pinned = (
  JSON.parse(readFileSync(join(modelDir, 'pin.json'), 'utf8')) as { botocore: string }
).botocore

await withExternal(t, ['python'], 'model/ matches the installed botocore', async t => {
  const { stdout } = await run('python3', [
    '-c',
    'import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))',
  ])
  const [version = '', root = ''] = stdout.trim().split('\n')
  const skip = version === pinned ? false : `installed botocore is ${version}, pinned is ${pinned}`
  await t.test('byte for byte', { skip }, checkAgainst(join(root, 'data', 'ecs', '2014-11-13')))
})

function checkAgainst(source: string) {
  return (t: Test) => {
    const raw: unknown = JSON.parse(
      gunzipSync(readFileSync(join(source, 'service-2.json.gz'))).toString('utf8'),
    )
    t.equal(
      readFileSync(join(modelDir, 'service-2.json'), 'utf8'),
      JSON.stringify(stripProse(raw), null, 2) + '\n',
      'service-2.json is the stripped source, byte for byte',
    )
    for (const name of ['paginators-1.json', 'waiters-2.json']) {
      t.ok(
        readFileSync(join(source, name)).equals(readFileSync(join(modelDir, name))),
        `${name} copied`,
      )
    }
    t.end()
  }
}
