#!/usr/bin/env node
// `npm run bench` runs every part, `npm run bench -- <part>` one. Each part is bench/<part>.ts,
// run in its own process (through tsx) so that one part's warm-up cannot colour another's figures.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const parts = ['server', 'sdk', 'agent', 'scheduler'].filter(p => existsSync(join(here, `${p}.ts`)))
const wanted = process.argv.slice(2)
const unknown = wanted.filter(p => !parts.includes(p))
if (unknown.length > 0) {
  console.error(
    `unknown bench part: ${unknown.join(', ')} (parts: ${parts.join(', ') || 'none yet'})`,
  )
  process.exit(2)
}
let failed = false
for (const part of wanted.length > 0 ? wanted : parts) {
  console.log(`\n== bench: ${part} ==`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${part}.ts`)], {
    stdio: 'inherit',
  })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
