/**
 * npm run generate (in sdk/): writes src/generated/ from the spec at
 * ../openapi/generated/ecs.openapi.json.
 *
 *   operations.ts  per operation its Input/Output aliases and a method with JSDoc
 *   helpers.ts     the paginator table (x-paginator) and waiter table (x-waiters) with methods
 *
 * The shapes, `components` and the operation map are @quayside/openapi/types, which the
 * openapi package generates from the same spec; these files import them from there.
 *
 * The output depends on the spec alone, so a second run is byte for byte the same.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateFiles } from './render.js'

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const specPath = join(sdkDir, '..', 'openapi', 'generated', 'ecs.openapi.json')
const outDir = join(sdkDir, 'src', 'generated')

const files = generateFiles(readFileSync(specPath, 'utf8'))
mkdirSync(outDir, { recursive: true })
for (const [name, body] of Object.entries(files)) {
  writeFileSync(join(outDir, name), body)
  console.log(`wrote ${join(outDir, name)}`)
}
