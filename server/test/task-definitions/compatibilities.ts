import t from 'tap'
import type { Compatibility, RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { normalizeTaskDefinition } from '../../src/task-definitions/index.js'
import { checkTable, client, container, definition } from './fixtures/definitions.js'

const fargate = (overrides: Partial<RegisterTaskDefinitionRequest> = {}) =>
  definition(
    { networkMode: 'awsvpc', cpu: '256', memory: '512', ...overrides },
    container({ memory: 256 }),
  )

t.test('computed compatibilities', t => {
  const cases: [string, { given: RegisterTaskDefinitionRequest; want: Compatibility[] }][] = [
    ['bridge', { given: definition(), want: ['EC2', 'EXTERNAL'] }],
    ['awsvpc with a Fargate size', { given: fargate(), want: ['EC2', 'EXTERNAL', 'FARGATE'] }],
    [
      'vCPU/GB forms count',
      { given: fargate({ cpu: '0.5 vCPU', memory: '4GB' }), want: ['EC2', 'EXTERNAL', 'FARGATE'] },
    ],
    [
      'largest size',
      { given: fargate({ cpu: '16384', memory: '122880' }), want: ['EC2', 'EXTERNAL', 'FARGATE'] },
    ],
    [
      '8 vCPU in 4 GB steps',
      { given: fargate({ cpu: '8192', memory: '20480' }), want: ['EC2', 'EXTERNAL', 'FARGATE'] },
    ],
    [
      '8 vCPU off-step memory',
      { given: fargate({ cpu: '8192', memory: '17408' }), want: ['EC2', 'EXTERNAL'] },
    ],
    [
      'awsvpc without cpu',
      { given: definition({ networkMode: 'awsvpc', memory: '512' }), want: ['EC2', 'EXTERNAL'] },
    ],
    ['no Fargate size', { given: fargate({ memory: '4096' }), want: ['EC2', 'EXTERNAL'] }],
    ['cpu Fargate lacks', { given: fargate({ cpu: '384' }), want: ['EC2', 'EXTERNAL'] }],
    ['host mode', { given: fargate({ networkMode: 'host' }), want: ['EC2', 'EXTERNAL'] }],
    ['pidMode host', { given: fargate({ pidMode: 'host' }), want: ['EC2', 'EXTERNAL'] }],
    ['pidMode task', { given: fargate({ pidMode: 'task' }), want: ['EC2', 'EXTERNAL', 'FARGATE'] }],
    [
      'privileged',
      {
        given: definition(
          { networkMode: 'awsvpc', cpu: '256', memory: '512' },
          container({ privileged: true }),
        ),
        want: ['EC2', 'EXTERNAL'],
      },
    ],
    [
      'host volume',
      {
        given: fargate({ volumes: [{ name: 'v', host: { sourcePath: '/srv' } }] }),
        want: ['EC2', 'EXTERNAL'],
      },
    ],
    [
      'task-scoped host volume without path',
      {
        given: fargate({ volumes: [{ name: 'v', host: {} }] }),
        want: ['EC2', 'EXTERNAL', 'FARGATE'],
      },
    ],
    [
      'docker volume',
      {
        given: fargate({ volumes: [{ name: 'v', dockerVolumeConfiguration: { scope: 'task' } }] }),
        want: ['EC2', 'EXTERNAL'],
      },
    ],
  ]
  for (const [name, { given, want }] of cases) {
    const result = normalizeTaskDefinition(given)
    t.same(result.ok && result.value.compatibilities, want, name)
  }
  t.end()
})

t.test('requiresCompatibilities', t => {
  checkTable(t, [
    ['EC2', { given: definition({ requiresCompatibilities: ['EC2'] }), want: 'accepted' }],
    [
      'EXTERNAL',
      { given: definition({ requiresCompatibilities: ['EXTERNAL'] }), want: 'accepted' },
    ],
    [
      'FARGATE when compatible',
      { given: fargate({ requiresCompatibilities: ['FARGATE', 'EC2'] }), want: 'accepted' },
    ],
    [
      'FARGATE with pidMode host',
      {
        given: fargate({ pidMode: 'host', requiresCompatibilities: ['FARGATE'] }),
        want: client(
          "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
        ),
      },
    ],
    [
      'FARGATE in bridge mode',
      {
        given: definition({ requiresCompatibilities: ['FARGATE'] }),
        want: client("Fargate only supports network mode 'awsvpc'."),
      },
    ],
    [
      'FARGATE without cpu',
      {
        given: definition({
          networkMode: 'awsvpc',
          memory: '512',
          requiresCompatibilities: ['FARGATE'],
        }),
        want: client("Fargate requires that 'cpu' be defined at the task level."),
      },
    ],
    [
      'FARGATE without memory',
      {
        given: definition({
          networkMode: 'awsvpc',
          cpu: '256',
          requiresCompatibilities: ['FARGATE'],
        }),
        want: client("Fargate requires that 'memory' be defined at the task level."),
      },
    ],
    [
      'FARGATE with a bad pair',
      {
        given: fargate({ memory: '4096', requiresCompatibilities: ['FARGATE'] }),
        want: client('No Fargate configuration exists for given values: 256 CPU, 4096 memory.'),
      },
    ],
    [
      'FARGATE with privileged',
      {
        given: definition(
          {
            networkMode: 'awsvpc',
            cpu: '256',
            memory: '512',
            requiresCompatibilities: ['FARGATE'],
          },
          container({ privileged: true }),
        ),
        want: client('Fargate does not support privileged containers.'),
      },
    ],
    [
      'FARGATE with a host volume',
      {
        given: fargate({
          volumes: [{ name: 'v', host: { sourcePath: '/srv' } }],
          requiresCompatibilities: ['FARGATE'],
        }),
        want: client(
          'Fargate does not support host volumes with a sourcePath or Docker volume configurations.',
        ),
      },
    ],
    [
      'MANAGED_INSTANCES',
      {
        given: definition({ requiresCompatibilities: ['MANAGED_INSTANCES'] }),
        want: client(
          'Task definition does not support requiresCompatibilities MANAGED_INSTANCES: quayside runs EC2, EXTERNAL and FARGATE-compatible task definitions.',
        ),
      },
    ],
  ])
  t.end()
})
