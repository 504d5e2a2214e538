import { accessSync, constants, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { cliConfigFor, installProvider, terraformPlatform } from '../src/install.js'

t.test('lays an executable wrapper in the mirror layout terraform expects', t => {
  const dir = t.testdir()
  const installed = installProvider({
    mirror: join(dir, 'm'),
    version: '1.2.3',
    entry: "/opt/it's/main.js",
    node: '/usr/bin/node',
    platform: 'linux',
    arch: 'x64',
  })
  t.equal(
    installed.executable,
    join(
      dir,
      'm',
      'registry.terraform.io/quayside/quayside/1.2.3/linux_amd64/terraform-provider-quayside_v1.2.3',
    ),
  )
  accessSync(installed.executable, constants.X_OK)
  t.equal(
    readFileSync(installed.executable, 'utf8').split('\n')[2],
    `exec '/usr/bin/node' '/opt/it'\\''s/main.js' "$@"`,
  )
  t.equal(installed.cliConfig, cliConfigFor(join(dir, 'm')))
  t.match(
    installed.cliConfig,
    /filesystem_mirror \{\n {4}path {4}= ".*\/m"\n {4}include = \["quayside\/\*"\]/,
  )
  t.ok(
    installProvider({
      mirror: join(dir, 'n'),
      version: '1',
      entry: 'x',
      node: 'n',
    }).executable.includes(terraformPlatform(process.platform, process.arch)),
  )
  t.end()
})

t.test('terraformPlatform', t => {
  const cases: [NodeJS.Platform, string, string][] = [
    ['linux', 'x64', 'linux_amd64'],
    ['darwin', 'arm64', 'darwin_arm64'],
    ['win32', 'ia32', 'windows_386'],
    ['freebsd', 'riscv64', 'freebsd_riscv64'],
  ]
  for (const [platform, arch, want] of cases) t.equal(terraformPlatform(platform, arch), want)
  t.end()
})
