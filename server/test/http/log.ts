import t from 'tap'
import { formatRecord, requestLogger } from '../../src/http/log.js'

const record = {
  requestId: 'r-1',
  method: 'POST',
  path: '/',
  operation: 'CreateCluster',
  status: 400,
  errorType: 'InvalidParameterException',
  durationMs: 1.234,
  region: 'us-east-1',
}
const now = new Date('2024-01-02T03:04:05.000Z')

t.test('readable and JSON lines', t => {
  t.equal(
    formatRecord(record, 'text', now),
    '2024-01-02T03:04:05.000Z 400 CreateCluster InvalidParameterException 1.2ms us-east-1 r-1',
  )
  t.equal(
    formatRecord(
      { requestId: 'r-2', method: 'GET', path: '/x', status: 400, durationMs: 0.5 },
      'text',
      now,
    ),
    '2024-01-02T03:04:05.000Z 400 GET /x 0.5ms r-2',
  )
  t.same(JSON.parse(formatRecord(record, 'json', now)), { time: now.toISOString(), ...record })
  t.end()
})

t.test('the logger writes one line per record, or nothing', t => {
  const lines: string[] = []
  requestLogger('json', line => lines.push(line))(record)
  requestLogger('none', line => lines.push(line))(record)
  t.equal(lines.length, 1)
  t.equal((JSON.parse(lines[0]!) as { operation: string }).operation, 'CreateCluster')
  t.end()
})
