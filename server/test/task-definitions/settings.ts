import t from 'tap'
import type { HealthCheck } from '@quayside/openapi/types'
import { checkTable, client, container, definition } from './fixtures/definitions.js'

const health = (overrides: Partial<HealthCheck>) =>
  definition({}, container({ healthCheck: { command: ['CMD', 'true'], ...overrides } }))
const bad = (detail: string) => client(`Invalid setting for container 'app'. ${detail}`)

t.test('healthCheck, restartPolicy and proxyConfiguration', t => {
  checkTable(t, [
    [
      'health check at the bounds',
      {
        given: health({ interval: 5, timeout: 60, retries: 10, startPeriod: 0 }),
        want: 'accepted',
      },
    ],
    [
      'other bounds',
      {
        given: health({ interval: 300, timeout: 2, retries: 1, startPeriod: 300 }),
        want: 'accepted',
      },
    ],
    [
      'interval too short',
      {
        given: health({ interval: 4 }),
        want: bad('healthCheck interval 4 must be between 5 and 300.'),
      },
    ],
    [
      'timeout too long',
      {
        given: health({ timeout: 61 }),
        want: bad('healthCheck timeout 61 must be between 2 and 60.'),
      },
    ],
    [
      'no retries',
      {
        given: health({ retries: 0 }),
        want: bad('healthCheck retries 0 must be between 1 and 10.'),
      },
    ],
    [
      'start period too long',
      {
        given: health({ startPeriod: 301 }),
        want: bad('healthCheck startPeriod 301 must be between 0 and 300.'),
      },
    ],
    [
      'empty command',
      { given: health({ command: [] }), want: bad('healthCheck command cannot be empty.') },
    ],
    [
      'restart policy',
      {
        given: definition(
          {},
          container({
            restartPolicy: { enabled: true, ignoredExitCodes: [0, 1], restartAttemptPeriod: 60 },
          }),
        ),
        want: 'accepted',
      },
    ],
    [
      'restart policy, defaults',
      { given: definition({}, container({ restartPolicy: { enabled: false } })), want: 'accepted' },
    ],
    [
      'too many ignored exit codes',
      {
        given: definition(
          {},
          container({
            restartPolicy: {
              enabled: true,
              ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i),
            },
          }),
        ),
        want: bad('restartPolicy ignoredExitCodes can hold at most 50 exit codes.'),
      },
    ],
    [
      'restart period too short',
      {
        given: definition(
          {},
          container({ restartPolicy: { enabled: true, restartAttemptPeriod: 59 } }),
        ),
        want: bad('restartPolicy restartAttemptPeriod 59 must be between 60 and 1800.'),
      },
    ],
    [
      'restart period too long',
      {
        given: definition(
          {},
          container({ restartPolicy: { enabled: true, restartAttemptPeriod: 1801 } }),
        ),
        want: bad('restartPolicy restartAttemptPeriod 1801 must be between 60 and 1800.'),
      },
    ],
    [
      'proxy names a container',
      {
        given: definition({ proxyConfiguration: { type: 'APPMESH', containerName: 'app' } }),
        want: 'accepted',
      },
    ],
    [
      'proxy names a stranger',
      {
        given: definition({ proxyConfiguration: { containerName: 'envoy' } }),
        want: client(
          "Invalid proxyConfiguration: containerName 'envoy' is not a container in this task definition.",
        ),
      },
    ],
  ])
  t.end()
})
