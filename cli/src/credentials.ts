/**
 * `quayside credentials`: adds, lists and revokes the entries of a server's credentials file
 * (`quayside server --credentials FILE`) without editing its JSON. Every change is checked with
 * the server's own parser (so a file this command writes always loads) and written atomically:
 * a temporary file beside it, synced, then renamed over it, readable by its owner only.
 */
import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { parseArgs } from 'node:util'

export const CREDENTIALS_HELP = `Usage: quayside credentials <add|list|revoke> --file FILE [options]

Manage the access keys a quayside server accepts (quayside server --credentials FILE).

  add --file FILE [--policy agent|admin|POLICY.json] [--account ID] [--user NAME]
      create a key pair (the file too when missing) and print it; the secret is shown only
      here. --policy names a built-in policy (agent: what a container instance needs; admin:
      everything) or a JSON file holding an IAM-style policy; without it the key may do
      everything in its account. --user names the IAM user in AccessDeniedException messages.
  list --file FILE
      print each key's id, account, user and policy (never the secret)
  revoke --file FILE KEY
      remove the key KEY; a running server reads the file at start, so restart it

Options:
  -h, --help   show this help
`

type Write = (line: string) => void

/** One entry as stored; members other than these are kept as found. */
type Entry = Record<string, unknown> & { accessKeyId?: unknown }

/** A new access key id: `QSAK` and 16 characters of base32, as AWS's are 20 characters. */
export function newAccessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return `QSAK${[...randomBytes(16)].map(b => alphabet[b % 32] ?? 'A').join('')}`
}

/** A new secret: 40 characters of base64, as AWS's. */
export const newSecret = (): string => randomBytes(30).toString('base64')

async function readEntries(file: string, mayBeMissing: boolean): Promise<Entry[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (mayBeMissing && (error as { code?: unknown }).code === 'ENOENT') return []
    throw new Error(`cannot read ${file}: ${(error as Error).message}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(value)) throw new Error(`${file}: expected a JSON array of credentials`)
  return value as Entry[]
}

/** Checks `entries` with the server's parser, then replaces `file` atomically (mode 0600). */
async function writeEntries(file: string, entries: Entry[], accountId: string): Promise<void> {
  const { parseCredentials } = await import('@quayside/server')
  const text = `${JSON.stringify(entries, null, 2)}\n`
  parseCredentials(text, accountId, file)
  const temporary = `${file}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temporary, 'wx', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** How `list` names an entry's policy. */
function describePolicy(policy: unknown): string {
  if (policy === undefined) return 'full access'
  if (typeof policy === 'string') return policy
  const statements = (policy as { Statement?: unknown }).Statement
  const count = Array.isArray(statements) ? statements.length : 1
  return `custom (${String(count)} statement${count === 1 ? '' : 's'})`
}

async function readPolicy(value: string): Promise<unknown> {
  const { isBuiltinPolicy } = await import('@quayside/server')
  if (isBuiltinPolicy(value)) return value
  let text: string
  try {
    text = await readFile(value, 'utf8')
  } catch (error) {
    throw new Error(
      `--policy ${value} is neither agent, admin nor a readable file (${(error as Error).message})`,
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new Error(`--policy ${value}: not JSON (${(error as Error).message})`)
  }
}

/**
 * Runs `quayside credentials` with the arguments after `credentials`; resolves with the exit
 * code: 0 when done or for --help, 2 for bad flags, 1 when the file cannot be read, written or
 * would not load.
 */
export async function credentialsCommand(
  argv: string[],
  io: { out: Write; err: Write },
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        policy: { type: 'string' },
        account: { type: 'string' },
        user: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.err(`quayside credentials: ${(error as Error).message.split('\n')[0] ?? ''} (see --help)`)
    return 2
  }
  const { values, positionals } = parsed
  const [action, ...rest] = positionals
  if (values.help === true || action === undefined) {
    io.out(CREDENTIALS_HELP)
    return values.help === true ? 0 : 2
  }
  const bad = (message: string) => {
    io.err(`quayside credentials ${action}: ${message} (see --help)`)
    return 2
  }
  const file = values.file
  if (file === undefined) return bad('--file FILE is required')
  const accountId = values.account ?? '000000000000'
  if (!/^\d{12}$/.test(accountId)) return bad('--account must be 12 digits')
  const onlyFor = (flags: readonly (keyof typeof values)[]) =>
    flags.find(flag => values[flag] !== undefined)
  try {
    switch (action) {
      case 'add': {
        if (rest.length > 0) return bad(`unexpected ${rest.join(' ')}`)
        const entries = await readEntries(file, true)
        const entry: Entry = {
          accessKeyId: newAccessKeyId(),
          secretAccessKey: newSecret(),
          accountId,
          ...(values.user === undefined ? {} : { user: values.user }),
          ...(values.policy === undefined ? {} : { policy: await readPolicy(values.policy) }),
        }
        await writeEntries(file, [...entries, entry], accountId)
        io.out(
          `added ${String(entry.accessKeyId)} to ${file} (account ${accountId}, ${describePolicy(entry['policy'])})`,
        )
        io.out(
          `AWS_ACCESS_KEY_ID=${String(entry.accessKeyId)} AWS_SECRET_ACCESS_KEY=${String(entry['secretAccessKey'])}`,
        )
        return 0
      }
      case 'list': {
        const extra = onlyFor(['policy', 'account', 'user'])
        if (extra !== undefined || rest.length > 0)
          return bad(`list takes only --file (not ${extra ?? rest.join(' ')})`)
        for (const entry of await readEntries(file, false)) {
          const account = typeof entry['accountId'] === 'string' ? entry['accountId'] : 'default'
          const user = typeof entry['user'] === 'string' ? entry['user'] : '-'
          io.out(
            `${String(entry.accessKeyId)}  account ${account}  user ${user}  policy ${describePolicy(entry['policy'])}`,
          )
        }
        return 0
      }
      case 'revoke': {
        const [key, ...more] = rest
        if (key === undefined || more.length > 0) return bad('name exactly one KEY to revoke')
        const entries = await readEntries(file, false)
        const kept = entries.filter(e => e.accessKeyId !== key)
        if (kept.length === entries.length) {
          io.err(`quayside credentials revoke: no key ${key} in ${file}`)
          return 1
        }
        if (kept.length === 0) {
          io.err(
            `quayside credentials revoke: ${key} is the last key of ${file}; a server needs one (add another first)`,
          )
          return 1
        }
        await writeEntries(file, kept, accountId)
        io.out(`revoked ${key} in ${file}; restart the server to apply`)
        return 0
      }
      default:
        return bad(`unknown action "${action}"; expected add, list or revoke`)
    }
  } catch (error) {
    io.err(`quayside credentials ${action}: ${(error as Error).message}`)
    return 1
  }
}
