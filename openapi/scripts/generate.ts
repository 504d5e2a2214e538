/**
 * npm run generate: writes openapi/generated/ecs.openapi.json from openapi/model/ and
 * openapi/overlays/, then the types-only entry's files (src/generated/, see ./render-types.ts)
 * from that spec. Deterministic, so a second run leaves every file byte for byte the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSpec, packageDir } from '../src/generate.js'
import { generateTypeFiles } from './render-types.js'

const out = join(packageDir, 'generated', 'ecs.openapi.json')
const spec = generateSpec()
mkdirSync(join(packageDir, 'generated'), { recursive: true })
writeFileSync(out, spec)
console.log(`wrote ${out}`)

const typesDir = join(packageDir, 'src', 'generated')
mkdirSync(typesDir, { recursive: true })
for (const [name, body] of Object.entries(await generateTypeFiles(spec))) {
  writeFileSync(join(typesDir, name), body)
  console.log(`wrote ${join(typesDir, name)}`)
}
