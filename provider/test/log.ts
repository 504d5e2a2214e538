import t from 'tap'
import { createLogger, levelFromEnv } from '../src/log.js'

t.test('hclog JSON lines, filtered by level', t => {
  const lines: string[] = []
  const log = createLogger({
    level: 'info',
    write: line => lines.push(line),
    now: () => new Date(0),
  })
  log.log('debug', 'hidden')
  log.log('warn', 'shown', { key: 'v' })
  t.same(
    lines.map(line => JSON.parse(line) as unknown),
    [
      {
        '@level': 'warn',
        '@message': 'shown',
        '@module': 'provider.terraform-provider-quayside',
        '@timestamp': '1970-01-01T00:00:00.000Z',
        key: 'v',
      },
    ],
  )
  t.ok(lines[0]?.endsWith('\n'))
  const defaults = createLogger({ level: 'trace', write: line => lines.push(line), module: 'm' })
  defaults.log('trace', 'x')
  t.match(JSON.parse(lines[1] ?? '{}'), { '@module': 'm', '@level': 'trace' })
  t.end()
})

t.test('levelFromEnv', t => {
  t.equal(levelFromEnv({}), 'info')
  t.equal(levelFromEnv({ TF_LOG: 'DEBUG' }), 'debug')
  t.equal(levelFromEnv({ TF_LOG: 'debug', TF_LOG_PROVIDER: 'trace' }), 'trace')
  t.equal(levelFromEnv({ TF_LOG: 'json' }), 'info')
  t.end()
})
