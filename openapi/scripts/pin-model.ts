/**
 * Pins an API's service model from an installed botocore into its folder under openapi/model/
 * (see src/apis.ts), with every piece of AWS prose removed: what stays is structure, names and
 * constraints.
 *
 *   npx tsx openapi/scripts/pin-model.ts [ecs|ssm|secretsmanager|logs] [path/to/botocore/data/<service>/<version> botocore-version]
 *
 * The API defaults to ecs; without a path both are asked of the installed botocore
 * (`python3 -c "import botocore"`). The version lands in the folder's pin.json, which the
 * generator names in its banner. Not part of `npm run generate`: updating a model is its own
 * change (see model/SOURCE.md).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { API_BY_ID, type ApiId } from '../src/apis.js'
import { stripProse } from '../src/model/strip.js'

const args = process.argv.slice(2)
const api = Object.hasOwn(API_BY_ID, args[0] ?? '')
  ? API_BY_ID[args.shift() as ApiId]
  : API_BY_ID.ecs
const modelDir = join(dirname(fileURLToPath(import.meta.url)), '..', api.modelDir)
mkdirSync(modelDir, { recursive: true })

function python(code: string): string {
  return execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trim()
}

const source =
  args[0] ??
  join(
    python('import botocore, os; print(os.path.dirname(botocore.__file__))'),
    'data',
    api.botocoreDir,
  )
const version = args[1] ?? python('import botocore; print(botocore.__version__)')
const raw: unknown = JSON.parse(
  gunzipSync(readFileSync(join(source, 'service-2.json.gz'))).toString('utf8'),
)
writeFileSync(join(modelDir, 'service-2.json'), JSON.stringify(stripProse(raw), null, 2) + '\n')
// Paginators and waiters carry no prose; they are copied byte for byte (an API may have none).
for (const name of ['paginators-1.json', 'waiters-2.json']) {
  if (existsSync(join(source, name))) copyFileSync(join(source, name), join(modelDir, name))
}
writeFileSync(join(modelDir, 'pin.json'), JSON.stringify({ botocore: version }, null, 2) + '\n')
console.log(`pinned ${source} into ${modelDir}`)
