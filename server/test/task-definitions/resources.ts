import t from 'tap'
import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import type { NormalizedTaskDefinition, TaskResources } from '../../src/task-definitions/index.js'
import { normalizeTaskDefinition, taskResources } from '../../src/task-definitions/index.js'
import { container, definition } from './fixtures/definitions.js'

function normalized(input: RegisterTaskDefinitionRequest): NormalizedTaskDefinition {
  const result = normalizeTaskDefinition(input)
  if (!result.ok) throw new Error(result.message)
  return result.value
}

const resources = (
  cpu: number,
  memory: number,
  tcpPorts: number[] = [],
  udpPorts: number[] = [],
): TaskResources => ({
  cpu,
  memory,
  tcpPorts,
  udpPorts,
})

t.test('what a task reserves', t => {
  const cases: [string, { given: RegisterTaskDefinitionRequest; want: TaskResources }][] = [
    ['container memory only', { given: definition(), want: resources(0, 256) }],
    [
      'task values win',
      {
        given: definition({ cpu: '1 vCPU', memory: '2GB' }, container({ cpu: 128 })),
        want: resources(1024, 2048),
      },
    ],
    [
      'sums when no task values',
      {
        given: definition(
          {},
          container({ cpu: 128, memory: 512, memoryReservation: 128 }),
          container({ name: 'b', cpu: 64, memory: 256 }),
        ),
        want: resources(192, 384),
      },
    ],
    [
      'task cpu only',
      {
        given: definition({ cpu: '512' }, container({ cpu: 10, memory: 100 })),
        want: resources(512, 100),
      },
    ],
    [
      'bridge: static host ports by protocol',
      {
        given: definition(
          {},
          container({
            portMappings: [
              { containerPort: 80, hostPort: 8080 },
              { containerPort: 53, hostPort: 5353, protocol: 'udp' },
              { containerPort: 443, hostPort: 0 },
              { containerPort: 9000 },
              { containerPortRange: '7000-7010' },
            ],
          }),
          container({
            name: 'b',
            portMappings: [{ containerPort: 81, hostPort: 22, protocol: 'tcp' }],
          }),
        ),
        want: resources(0, 512, [22, 8080], [5353]),
      },
    ],
    [
      'host: container ports',
      {
        given: definition(
          { networkMode: 'host' },
          container({
            portMappings: [
              { containerPort: 9090 },
              { containerPort: 80, hostPort: 80 },
              { containerPort: 514, protocol: 'udp' },
            ],
          }),
        ),
        want: resources(0, 256, [80, 9090], [514]),
      },
    ],
    [
      'awsvpc: none',
      {
        given: definition(
          { networkMode: 'awsvpc' },
          container({ portMappings: [{ containerPort: 80 }] }),
        ),
        want: resources(0, 256),
      },
    ],
    ['none: none', { given: definition({ networkMode: 'none' }), want: resources(0, 256) }],
  ]
  for (const [name, { given, want }] of cases) t.same(taskResources(normalized(given)), want, name)
  t.end()
})

t.test('works on a stored definition without the filled-in defaults', t => {
  const bare: NormalizedTaskDefinition = {
    family: 'web',
    containerDefinitions: [
      { name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 80 }] },
      { name: 'b', image: 'x' },
    ],
    requiresAttributes: [],
    compatibilities: ['EC2'],
  }
  t.same(taskResources(bare), resources(0, 0, [80]))
  t.end()
})
