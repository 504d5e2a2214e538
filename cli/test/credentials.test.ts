import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseCredentials, evaluate } from '@quayside/server'
import t from 'tap'
import { credentialsCommand, newAccessKeyId, newSecret } from '../src/credentials.js'
import { main } from '../src/main.js'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } }
}

async function run(argv: string[]) {
  const c = capture()
  const code = await credentialsCommand(argv, c.io)
  return { code, ...c }
}

const keyOf = (line: string | undefined) =>
  /AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)/.exec(line ?? '')?.slice(1) ?? []

t.test('key pairs look like AWS ones and never repeat', t => {
  const ids = new Set(Array.from({ length: 100 }, newAccessKeyId))
  t.equal(ids.size, 100)
  for (const id of ids) t.match(id, /^QSAK[A-Z2-7]{16}$/)
  t.match(newSecret(), /^[A-Za-z0-9+/]{40}$/)
  t.end()
})

t.test('add, list and revoke keep a file the server loads', async t => {
  const dir = t.testdir()
  const file = join(dir, 'credentials.json')

  const admin = await run(['add', '--file', file])
  t.equal(admin.code, 0, admin.err.join('\n'))
  t.match(
    admin.out[0],
    /^added QSAK\w+ to .*credentials\.json \(account 000000000000, full access\)$/,
  )
  const [adminId, adminSecret] = keyOf(admin.out[1])
  t.ok(adminId && adminSecret)
  t.equal((await stat(file)).mode & 0o777, 0o600, 'owner only')

  const host = await run(['add', '--file', file, '--policy', 'agent', '--user', 'host-1'])
  t.equal(host.code, 0)
  t.match(host.out[0], /agent\)$/)
  const [hostId] = keyOf(host.out[1])

  const policyFile = join(dir, 'reader.json')
  await writeFile(
    policyFile,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }],
    }),
  )
  const reader = await run([
    'add',
    '--file',
    file,
    '--policy',
    policyFile,
    '--account',
    '111111111111',
  ])
  t.equal(reader.code, 0)
  t.match(reader.out[0], /account 111111111111, custom \(1 statement\)\)$/)
  const [readerId] = keyOf(reader.out[1])

  const set = parseCredentials(await readFile(file, 'utf8'), '000000000000', file)
  t.equal(set.size, 3)
  t.equal(set.get(adminId ?? '')?.secretAccessKey, adminSecret)
  t.equal(set.get(adminId ?? '')?.policy, undefined)
  const hostKey = set.get(hostId ?? '')
  t.equal(hostKey?.principalArn, 'arn:aws:iam::000000000000:user/host-1')
  t.equal(hostKey?.policy && evaluate(hostKey.policy, 'ecs:RunTask', '*'), 'implicit-deny')
  t.equal(set.get(readerId ?? '')?.accountId, '111111111111')

  const list = await run(['list', '--file', file])
  t.equal(list.code, 0)
  t.same(list.out, [
    `${adminId ?? ''}  account 000000000000  user -  policy full access`,
    `${hostId ?? ''}  account 000000000000  user host-1  policy agent`,
    `${readerId ?? ''}  account 111111111111  user -  policy custom (1 statement)`,
  ])
  t.notOk(list.out.join('\n').includes(adminSecret ?? '?'), 'no secrets')

  const revoked = await run(['revoke', '--file', file, hostId ?? ''])
  t.equal(revoked.code, 0)
  t.match(revoked.out[0], /^revoked QSAK\w+ in .*; restart the server/)
  const after = parseCredentials(await readFile(file, 'utf8'), '000000000000', file)
  t.same([...after.keys()], [adminId, readerId])
  t.same((await readdir(dir)).sort(), ['credentials.json', 'reader.json'], 'no temporary file left')

  t.equal((await run(['revoke', '--file', file, 'nope'])).code, 1)
  t.equal((await run(['revoke', '--file', file, readerId ?? ''])).code, 0)
  const last = await run(['revoke', '--file', file, adminId ?? ''])
  t.equal(last.code, 1)
  t.match(last.err[0], /last key/)
})

t.test('entries it does not know are kept as found', async t => {
  const file = join(t.testdir(), 'c.json')
  await writeFile(file, JSON.stringify([{ accessKeyId: 'k', secretAccessKey: 's', note: 'ops' }]))
  t.equal((await run(['add', '--file', file])).code, 0)
  const entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[]
  t.same(entries[0], { accessKeyId: 'k', secretAccessKey: 's', note: 'ops' })
})

t.test('bad input: exit 2 for flags, 1 for files; the file is never half-written', async t => {
  const dir = t.testdir({ 'bad.json': '{', 'policy.json': '{"Statement":[{"Effect":"Allow"}]}' })
  const file = join(dir, 'c.json')
  const cases: [string[], number, RegExp][] = [
    [[], 2, /^$/],
    [['add'], 2, /--file FILE is required/],
    [['add', '--file', file, '--account', '12'], 2, /12 digits/],
    [['add', '--file', file, 'extra'], 2, /unexpected extra/],
    [['list', '--file', file, '--user', 'x'], 2, /takes only --file/],
    [['revoke', '--file', file], 2, /exactly one KEY/],
    [['rotate', '--file', file], 2, /unknown action "rotate"/],
    [['add', '--bogus'], 2, /bogus/],
    [['list', '--file', file], 1, /cannot read/],
    [['list', '--file', join(dir, 'bad.json')], 1, /not JSON/],
    [['add', '--file', file, '--policy', 'root'], 1, /neither agent, admin nor a readable file/],
    [['add', '--file', file, '--policy', join(dir, 'policy.json')], 1, /exactly one of Action/],
    [['add', '--file', file, '--user', 'no spaces'], 1, /user must be/],
  ]
  for (const [argv, code, message] of cases) {
    const r = await run(argv)
    t.equal(r.code, code, argv.join(' '))
    t.match(r.err.join('\n'), message, argv.join(' '))
  }
  t.same((await readdir(dir)).sort(), ['bad.json', 'policy.json'], 'nothing was written')
  const help = await run(['--help'])
  t.equal(help.code, 0)
  t.match(help.out[0], /^Usage: quayside credentials/)
})

t.test('quayside credentials is routed from main', async t => {
  const c = capture()
  t.equal(await main(['credentials', '--help'], c.io), 0)
  t.match(c.out.join('\n'), /Usage: quayside credentials/)
})
