/**
 * Pins the ECS service model from an installed botocore into openapi/model/, with every piece of
 * AWS prose removed: what stays is structure, names and constraints.
 *
 *   npx tsx openapi/scripts/pin-model.ts [path/to/botocore/data/ecs/2014-11-13 botocore-version]
 *
 * Without arguments both are asked of the installed botocore (`python3 -c "import botocore"`).
 * The version lands in model/pin.json, which the generator names in its banner. Not part of
 * `npm run generate`: updating the model is its own change (see model/SOURCE.md).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { stripProse } from '../src/model/strip.js'

const modelDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'model')

function python(code: string): string {
  return execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trim()
}

const source =
  process.argv[2] ??
  join(
    python('import botocore, os; print(os.path.dirname(botocore.__file__))'),
    'data',
    'ecs',
    '2014-11-13',
  )
const version = process.argv[3] ?? python('import botocore; print(botocore.__version__)')
const raw: unknown = JSON.parse(
  gunzipSync(readFileSync(join(source, 'service-2.json.gz'))).toString('utf8'),
)
writeFileSync(join(modelDir, 'service-2.json'), JSON.stringify(stripProse(raw), null, 2) + '\n')
// Paginators and waiters carry no prose; they are copied byte for byte.
for (const name of ['paginators-1.json', 'waiters-2.json']) {
  copyFileSync(join(source, name), join(modelDir, name))
}
writeFileSync(join(modelDir, 'pin.json'), JSON.stringify({ botocore: version }, null, 2) + '\n')
console.log(`pinned ${source} into ${modelDir}`)
