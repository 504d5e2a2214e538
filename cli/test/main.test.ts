import t from 'tap'
import { main, usage, version, type Io } from '../src/main.js'

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: line => stdout.push(line), err: line => stderr.push(line) }
}

t.test('--version and -v print the package version', async t => {
  for (const flag of ['--version', '-v']) {
    const io = capture()
    t.equal(await main([flag], io), 0)
    t.same(io.stdout, [version])
    t.match(version, /^\d+\.\d+\.\d+/)
  }
})

t.test('--help lists every command and exits 0', async t => {
  for (const flag of ['--help', '-h', 'help']) {
    const io = capture()
    t.equal(await main([flag], io), 0)
    t.equal(io.stdout.join('\n'), usage())
  }
  t.match(usage(), /server\s+run the ECS-compatible API server/)
  t.match(usage(), /agent\s+/)
  t.match(usage(), /up\s+/)
})

t.test('no command prints the help and fails', async t => {
  const io = capture()
  t.equal(await main([], io), 2)
  t.match(io.stdout.join('\n'), /Usage: quayside <command>/)
})

t.test('an unknown command is refused with a pointer to --help', async t => {
  const io = capture()
  t.equal(await main(['serve'], io), 2)
  t.match(io.stderr.join('\n'), /unknown command "serve".*quayside --help/)
  // names inherited from Object.prototype are not commands either
  t.equal(await main(['constructor'], capture()), 2)
})

t.test('agent and up route to their commands', async t => {
  for (const [name, usage] of [
    ['agent', /Usage: quayside agent/],
    ['up', /Usage: quayside up/],
  ] as const) {
    const io = capture()
    t.equal(await main([name, '--help'], io), 0)
    t.match(io.stdout.join('\n'), usage)
  }
  const io = capture()
  t.equal(await main(['agent', '--bogus'], io), 2)
  t.match(io.stderr.join('\n'), /quayside agent: .*bogus/)
})
