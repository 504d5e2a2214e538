/**
 * `npm run provider:install [-- <mirror folder>]`: lays the built provider in a filesystem mirror
 * (default ~/.terraform.d/plugins) and prints the executable's absolute path and the CLI
 * configuration to use. Run `npm run build` first.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installProvider } from '../src/install.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'dist', 'main.js')
if (!existsSync(entry)) {
  process.stderr.write(`${entry} is missing: run \`npm run build\` first.\n`)
  process.exit(1)
}
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
}
const mirror = process.argv[2] ?? join(homedir(), '.terraform.d', 'plugins')
const installed = installProvider({ mirror, version, entry, node: process.execPath })
process.stdout.write(
  [
    installed.executable,
    '',
    '# CLI configuration: put this in ~/.terraformrc, or in a file named by TF_CLI_CONFIG_FILE.',
    '# (~/.terraform.d/plugins is also searched without it, but then every provider must be mirrored.)',
    installed.cliConfig,
  ].join('\n'),
)
