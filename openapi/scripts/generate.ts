/**
 * npm run generate: for every API of src/apis.ts, writes its spec (openapi/generated/<api>.openapi.json)
 * from its pinned model and overlays, then its types entry's files (src/generated/ for ECS,
 * src/generated/<api>/ for the others; see ./render-types.ts) from that spec. Deterministic, so a
 * second run leaves every file byte for byte the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { APIS } from '../src/apis.js'
import { generateSpec, packageDir } from '../src/generate.js'
import { generateTypeFiles } from './render-types.js'

mkdirSync(join(packageDir, 'generated'), { recursive: true })
for (const api of APIS) {
  const out = join(packageDir, 'generated', api.specFile)
  const spec = generateSpec({ api })
  writeFileSync(out, spec)
  console.log(`wrote ${out}`)

  const typesDir = join(packageDir, api.typesDir)
  mkdirSync(typesDir, { recursive: true })
  for (const [name, body] of Object.entries(await generateTypeFiles(spec, api.specFile))) {
    writeFileSync(join(typesDir, name), body)
    console.log(`wrote ${join(typesDir, name)}`)
  }
}
