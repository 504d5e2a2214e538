/**
 * Lays the provider in a Terraform filesystem mirror, as `npm run provider:install` does:
 * `<mirror>/registry.terraform.io/quayside/quayside/<version>/<os>_<arch>/terraform-provider-quayside_v<version>`,
 * an executable `#!/bin/sh` wrapper that runs this checkout's built provider with this node.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Terraform's address of this provider. */
export const PROVIDER_SOURCE = 'registry.terraform.io/quayside/quayside'

/** Options of {@link installProvider}. */
export interface InstallOptions {
  /** The mirror folder (created when missing). */
  readonly mirror: string
  readonly version: string
  /** The built entry to run (dist/main.js of this package). */
  readonly entry: string
  /** The node executable the wrapper runs. */
  readonly node: string
  readonly platform?: NodeJS.Platform
  readonly arch?: string
}

/** What was installed. */
export interface Installed {
  /** Absolute path of the executable. */
  readonly executable: string
  /** A CLI configuration (TF_CLI_CONFIG_FILE) that installs quayside/* from the mirror only. */
  readonly cliConfig: string
}

/** Terraform's `<os>_<arch>` for a Node platform and arch. */
export function terraformPlatform(platform: NodeJS.Platform, arch: string): string {
  const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }
  return `${platform === 'win32' ? 'windows' : platform}_${goArch[arch] ?? arch}`
}

function quoteSh(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

/** The CLI configuration that takes quayside/* from `mirror` and everything else from registries. */
export function cliConfigFor(mirror: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["quayside/*"]',
    '  }',
    '  direct {',
    '    exclude = ["quayside/*"]',
    '  }',
    '}',
    '',
  ].join('\n')
}

/** Writes the executable into the mirror. */
export function installProvider(options: InstallOptions): Installed {
  const mirror = resolve(options.mirror)
  const platform = terraformPlatform(
    options.platform ?? process.platform,
    options.arch ?? process.arch,
  )
  const folder = join(mirror, PROVIDER_SOURCE, options.version, platform)
  const executable = join(folder, `terraform-provider-quayside_v${options.version}`)
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    executable,
    [
      '#!/bin/sh',
      '# The quayside Terraform provider, installed by `npm run provider:install`.',
      `exec ${quoteSh(options.node)} ${quoteSh(resolve(options.entry))} "$@"`,
      '',
    ].join('\n'),
  )
  chmodSync(executable, 0o755)
  return { executable, cliConfig: cliConfigFor(mirror) }
}
