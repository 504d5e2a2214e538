/**
 * npm run generate: writes openapi/generated/ecs.openapi.json from openapi/model/ and
 * openapi/overlays/. Deterministic, so a second run leaves the file byte for byte the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSpec, packageDir } from '../src/generate.js'

const out = join(packageDir, 'generated', 'ecs.openapi.json')
mkdirSync(join(packageDir, 'generated'), { recursive: true })
writeFileSync(out, generateSpec())
console.log(`wrote ${out}`)
