/**
 * npm run generate (in sdk/): writes src/generated/ from the spec at
 * ../openapi/generated/ecs.openapi.json.
 *
 *   schema.ts      openapi-typescript's types for the whole spec (JSDoc from the descriptions)
 *   shapes.ts      one alias per component schema: `Cluster`, `Task`, ...
 *   operations.ts  per operation its Input/Output aliases, error union, and a method with JSDoc
 *   helpers.ts     the paginator table (x-paginator) and waiter table (x-waiters) with methods
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

const files = await generateFiles(readFileSync(specPath, 'utf8'))
mkdirSync(outDir, { recursive: true })
for (const [name, body] of Object.entries(files)) {
  writeFileSync(join(outDir, name), body)
  console.log(`wrote ${join(outDir, name)}`)
}
