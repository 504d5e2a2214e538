import t from 'tap'
import type { NetworkMode, PortMapping } from '@quayside/openapi/types'
import { parsePortRange, staticHostPort } from '../../src/task-definitions/ports.js'
import { checkTable, client, container, definition, invalid } from './fixtures/definitions.js'

const mapped = (networkMode: NetworkMode | undefined, ...portMappings: PortMapping[]) =>
  definition(networkMode === undefined ? {} : { networkMode }, container({ portMappings }))

t.test('port mappings by network mode', t => {
  checkTable(t, [
    [
      'bridge static',
      { given: mapped('bridge', { containerPort: 80, hostPort: 8080 }), want: 'accepted' },
    ],
    [
      'bridge dynamic (0)',
      { given: mapped('bridge', { containerPort: 80, hostPort: 0 }), want: 'accepted' },
    ],
    [
      'default mode is bridge',
      { given: mapped(undefined, { containerPort: 80 }), want: 'accepted' },
    ],
    ['host, hostPort omitted', { given: mapped('host', { containerPort: 80 }), want: 'accepted' }],
    [
      'host, hostPort equal',
      { given: mapped('host', { containerPort: 80, hostPort: 80 }), want: 'accepted' },
    ],
    [
      'host, hostPort differs',
      {
        given: mapped('host', { containerPort: 80, hostPort: 8080 }),
        want: client(
          'When networkMode=host, the host ports and container ports in port mappings must match.',
        ),
      },
    ],
    [
      'awsvpc, hostPort equal',
      { given: mapped('awsvpc', { containerPort: 443, hostPort: 443 }), want: 'accepted' },
    ],
    [
      'awsvpc, hostPort differs',
      {
        given: mapped('awsvpc', { containerPort: 80, hostPort: 0 }),
        want: client(
          'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
        ),
      },
    ],
    [
      'none with mappings',
      {
        given: mapped('none', { containerPort: 80 }),
        want: client("Port mappings are not supported when networkMode=none (container 'app')."),
      },
    ],
    ['none without mappings', { given: mapped('none'), want: 'accepted' }],
    [
      'port range in bridge',
      { given: mapped('bridge', { containerPortRange: '8000-8010' }), want: 'accepted' },
    ],
    [
      'port range in awsvpc',
      {
        given: mapped('awsvpc', { containerPortRange: '8000-8010', protocol: 'udp' }),
        want: 'accepted',
      },
    ],
    [
      'port range in host',
      {
        given: mapped('host', { containerPortRange: '8000-8010' }),
        want: client(
          "Invalid port mapping in container 'app': containerPortRange is supported only when networkMode is bridge or awsvpc.",
        ),
      },
    ],
    [
      'port and range',
      {
        given: mapped('bridge', { containerPort: 80, containerPortRange: '8000-8010' }),
        want: client(
          "Invalid port mapping in container 'app': specify either containerPort or containerPortRange, not both.",
        ),
      },
    ],
    [
      'range with hostPort',
      {
        given: mapped('bridge', { containerPortRange: '8000-8010', hostPort: 9000 }),
        want: client(
          "Invalid port mapping in container 'app': hostPort cannot be set with containerPortRange.",
        ),
      },
    ],
    [
      'malformed range',
      {
        given: mapped('bridge', { containerPortRange: '8010-8000' }),
        want: client(
          "Invalid port mapping in container 'app': containerPortRange '8010-8000' must be two ports 'start-end' with 1 <= start < end <= 65535.",
        ),
      },
    ],
    [
      'neither port nor range',
      {
        given: mapped('bridge', { hostPort: 80 }),
        want: client(
          "Invalid port mapping in container 'app': containerPort or containerPortRange is required.",
        ),
      },
    ],
    [
      'containerPort 0',
      {
        given: mapped('bridge', { containerPort: 0 }),
        want: client(
          "Invalid port mapping in container 'app': containerPort 0 must be between 1 and 65535.",
        ),
      },
    ],
    [
      'containerPort 65536',
      {
        given: mapped('bridge', { containerPort: 65536 }),
        want: client(
          "Invalid port mapping in container 'app': containerPort 65536 must be between 1 and 65535.",
        ),
      },
    ],
    [
      'hostPort 65536',
      {
        given: mapped('bridge', { containerPort: 80, hostPort: 65536 }),
        want: client(
          "Invalid port mapping in container 'app': hostPort 65536 must be between 0 and 65535.",
        ),
      },
    ],
    [
      'hostPort negative',
      {
        given: mapped('bridge', { containerPort: 80, hostPort: -1 }),
        want: client(
          "Invalid port mapping in container 'app': hostPort -1 must be between 0 and 65535.",
        ),
      },
    ],
    [
      'containerPort mapped twice',
      {
        given: mapped(
          'bridge',
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 80, hostPort: 8081 },
        ),
        want: invalid('Container port 80 is used in more than one port mapping for container app'),
      },
    ],
    [
      'containerPort for two protocols',
      {
        given: mapped('bridge', { containerPort: 53 }, { containerPort: 53, protocol: 'udp' }),
        want: invalid('Container port 53 is used in more than one port mapping for container app'),
      },
    ],
    [
      'same containerPort in two containers, dynamic',
      {
        given: definition(
          {},
          container({ portMappings: [{ containerPort: 80 }] }),
          container({ name: 'b', portMappings: [{ containerPort: 80 }] }),
        ),
        want: 'accepted',
      },
    ],
    [
      'same static host port in two containers',
      {
        given: definition(
          {},
          container({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
          container({ name: 'b', portMappings: [{ containerPort: 81, hostPort: 80 }] }),
        ),
        want: client('Host port 80/tcp is mapped more than once in this task definition.'),
      },
    ],
    [
      'same host port, other protocol',
      {
        given: definition(
          {},
          container({ portMappings: [{ containerPort: 53, hostPort: 53 }] }),
          container({
            name: 'b',
            portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }],
          }),
        ),
        want: 'accepted',
      },
    ],
    [
      'host mode, same port in two containers',
      {
        given: definition(
          { networkMode: 'host' },
          container({ portMappings: [{ containerPort: 80 }] }),
          container({ name: 'b', portMappings: [{ containerPort: 80, protocol: 'tcp' }] }),
        ),
        want: client('Host port 80/tcp is mapped more than once in this task definition.'),
      },
    ],
  ])
  t.end()
})

t.test('port ranges', t => {
  const cases: [string, [number, number] | undefined][] = [
    ['1-2', [1, 2]],
    ['8000-8010', [8000, 8010]],
    ['1-65535', [1, 65535]],
    ['0-10', undefined],
    ['10-10', undefined],
    ['10-65536', undefined],
    ['10', undefined],
    ['a-b', undefined],
  ]
  for (const [given, want] of cases) t.same(parsePortRange(given), want, given)
  t.end()
})

t.test('static host ports', t => {
  const cases: [string, { given: [PortMapping, NetworkMode]; want: number | undefined }][] = [
    ['bridge static', { given: [{ containerPort: 80, hostPort: 8080 }, 'bridge'], want: 8080 }],
    ['bridge dynamic', { given: [{ containerPort: 80, hostPort: 0 }, 'bridge'], want: undefined }],
    ['bridge omitted', { given: [{ containerPort: 80 }, 'bridge'], want: undefined }],
    ['host', { given: [{ containerPort: 80 }, 'host'], want: 80 }],
    ['awsvpc', { given: [{ containerPort: 80, hostPort: 80 }, 'awsvpc'], want: undefined }],
    ['none', { given: [{ containerPort: 80 }, 'none'], want: undefined }],
    ['range', { given: [{ containerPortRange: '1-9' }, 'bridge'], want: undefined }],
  ]
  for (const [name, { given, want }] of cases) t.equal(staticHostPort(...given), want, name)
  t.end()
})
