/**
 * Writes src/generated/ (`npm run generate`): the CDKTF bindings of the quayside provider, made by
 * @cdktf/provider-generator from the provider's own schema (`providerSchemasJson()`, the document
 * `terraform providers schema -json` prints), so no terraform binary is needed. The generator's
 * layout is kept (`providers/quayside/<resource>/index.ts`); each file gets a banner, and
 * `single` blocks the generator would make required are made optional (./single-blocks.ts).
 *
 * Usage: `tsx scripts/generate.ts [outDir]`; outDir defaults to src/generated (the tests write a
 * second copy elsewhere to prove the output is reproducible).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { providerSchemasJson } from '../../src/schema/json-format.js'
import { postprocess, schemaHash } from './postprocess.js'
import type { GeneratedFile } from './postprocess.js'
import { optionalSingleBlocks, requiredSingleBlocks } from './single-blocks.js'

/** The part of @cdktf/provider-generator this script calls. */
interface ProviderGenerator {
  generateProviderBindingsFromSchema(targetPath: string, schema: unknown): Promise<void>
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = resolve(process.argv[2] ?? join(root, 'src', 'generated'))
const scratch = mkdtempSync(join(tmpdir(), 'quayside-cdktf-'))

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

try {
  // @cdktf/commons runs `terraform version` and may phone home when it loads: keep it offline,
  // out of the user's ~/.cdktf, and quiet about a missing ~/.terraformrc.
  const cliConfig = join(scratch, 'cli.tfrc')
  writeFileSync(cliConfig, '')
  process.env['CHECKPOINT_DISABLE'] = '1'
  process.env['CDKTF_HOME'] = join(scratch, 'cdktf-home')
  process.env['TF_CLI_CONFIG_FILE'] = cliConfig
  const require = createRequire(join(root, 'package.json'))
  const generator = require('@cdktf/provider-generator') as ProviderGenerator
  const { version } = require('@cdktf/provider-generator/package.json') as { version: string }

  const schema = providerSchemasJson()
  const raw = join(scratch, 'out')
  await generator.generateProviderBindingsFromSchema(raw, schema)
  const singleBlocks = requiredSingleBlocks(schema)
  const files: GeneratedFile[] = listFiles(raw).map(file =>
    optionalSingleBlocks(
      { path: relative(raw, file).split(sep).join('/'), text: readFileSync(file, 'utf8') },
      singleBlocks,
    ),
  )
  const banner = {
    script: 'provider/constructs/scripts/generate.ts',
    generatorVersion: version,
    schemaHash: schemaHash(schema),
  }
  rmSync(outDir, { recursive: true, force: true })
  for (const file of postprocess(files, banner)) {
    const target = join(outDir, ...file.path.split('/'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.text)
  }
  process.stdout.write(`wrote ${String(files.length)} files under ${outDir}\n`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
