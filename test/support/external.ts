/**
 * Tests that need something outside Node (Docker, PostgreSQL, terraform, python3 with boto3 or
 * moto, the AWS CLI, simulated hosts) ask for it here. When it is missing the test is skipped with the reason
 * printed, unless `QUAYSIDE_REQUIRE` (a comma list, set by .ci/run) names it: then the skip becomes
 * a failure, so CI cannot go green by silently testing less.
 */
import { execFile } from 'node:child_process'
import { access } from 'node:fs/promises'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Test } from 'tap'

const run = promisify(execFile)

export type External = 'docker' | 'postgres' | 'terraform' | 'python' | 'moto' | 'awscli' | 'hosts'

/**
 * The script that starts simulated hosts (network namespaces with a Docker Engine each), in the
 * steering repo's shared/ beside the checkout; `QUAYSIDE_HOSTS_SCRIPT` points elsewhere.
 */
export const hostsScript =
  process.env['QUAYSIDE_HOSTS_SCRIPT'] ??
  fileURLToPath(new URL('../../../shared/scripts/start-hosts.sh', import.meta.url))

/** The database tests use; each test file isolates itself in a schema of its own. */
export const postgresUrl =
  process.env['QUAYSIDE_TEST_POSTGRES_URL'] ??
  'postgres://postgres:postgres@127.0.0.1:5432/quayside_test'

export function required(): Set<string> {
  return new Set(
    (process.env['QUAYSIDE_REQUIRE'] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  )
}

async function command(file: string, args: string[]): Promise<string | undefined> {
  try {
    await run(file, args, { timeout: 30_000 })
    return undefined
  } catch (error) {
    return `\`${[file, ...args].join(' ')}\` failed: ${(error as Error).message.split('\n')[0] ?? ''}`
  }
}

function tcp(host: string, port: number): Promise<string | undefined> {
  return new Promise(resolve => {
    const socket = connect({ host, port })
    const done = (reason: string | undefined) => {
      socket.destroy()
      resolve(reason)
    }
    socket.setTimeout(2000, () => {
      done(`no answer from ${host}:${port}`)
    })
    socket.once('connect', () => {
      done(undefined)
    })
    socket.once('error', error => {
      done(`${host}:${port}: ${error.message}`)
    })
  })
}

const probes: Record<External, () => Promise<string | undefined>> = {
  docker: () => command('docker', ['version', '--format', '{{.Server.Version}}']),
  postgres: () => {
    const url = new URL(postgresUrl)
    return tcp(url.hostname, Number(url.port || 5432))
  },
  terraform: () => command('terraform', ['version']),
  python: () => command('python3', ['-c', 'import boto3']),
  moto: () => command('python3', ['-c', 'import moto.server, flask']),
  awscli: () => command('aws', ['--version']),
  // simulated hosts: root (namespaces, a dockerd per host), the script, nsenter and docker
  hosts: async () => {
    if (process.getuid?.() !== 0) return 'not root (simulated hosts need network namespaces)'
    const script = await access(hostsScript).then(
      () => undefined,
      () => `no ${hostsScript}`,
    )
    return (
      script ??
      (await command('nsenter', ['--version'])) ??
      (await command('docker', ['version', '--format', '{{.Client.Version}}']))
    )
  },
}

const cache = new Map<External, Promise<string | undefined>>()

/** Why `what` cannot be used here, or undefined when it can. Probed once per process. */
export function whyMissing(what: External): Promise<string | undefined> {
  let probe = cache.get(what)
  if (!probe) {
    probe = probes[what]()
    cache.set(what, probe)
  }
  return probe
}

/**
 * Runs `fn` as subtest `name` when every external it needs is there; otherwise skips it with the
 * reason, or fails it when QUAYSIDE_REQUIRE names a missing one. The subtest is created at once and
 * probes inside, so a caller at the top level of a test file cannot see its parent end first.
 */
export async function withExternal(
  t: Test,
  needs: External[],
  name: string,
  fn: (t: Test) => Promise<void>,
): Promise<void> {
  await t.test(name, async t => {
    const missing: { what: External; reason: string }[] = []
    for (const what of needs) {
      const reason = await whyMissing(what)
      if (reason) missing.push({ what, reason })
    }
    if (missing.length === 0) {
      await fn(t)
      return
    }
    const why = missing.map(m => `${m.what}: ${m.reason}`).join('; ')
    const wanted = required()
    if (missing.some(m => wanted.has(m.what))) {
      t.fail(`required by QUAYSIDE_REQUIRE but unavailable (${why})`)
      return
    }
    t.comment(`skipped: needs ${why}`)
    t.plan(0, `skipped: needs ${why}`)
  })
}
