import t from 'tap'
import { dockerPorts, networkBindings } from '../../src/docker/port-bindings.js'
import { InvalidTaskError, TaskUnsupportedError } from '../../src/errors.js'
import type { PortMapping } from '../../src/task-definition.js'

t.test('bridge mode: static and dynamic host ports', t => {
  const ports = dockerPorts(
    [
      { containerPort: 8080 },
      { containerPort: 8080, hostPort: 18080 },
      { containerPort: 53, hostPort: 0, protocol: 'udp' },
    ],
    'bridge',
    'web',
  )
  t.same(ports, {
    ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
    PortBindings: {
      '8080/tcp': [
        { HostIp: '', HostPort: '' },
        { HostIp: '', HostPort: '18080' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    },
  })
  t.end()
})

t.test('host mode exposes ports without bindings; hostPort must match', t => {
  t.same(dockerPorts([{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }], 'host', 'web'), {
    ExposedPorts: { '80/tcp': {}, '81/tcp': {} },
    PortBindings: {},
  })
  t.throws(
    () => dockerPorts([{ containerPort: 80, hostPort: 8080 }], 'host', 'web'),
    InvalidTaskError,
  )
  t.end()
})

t.test('bad mappings are refused with a reason', t => {
  const bad: [PortMapping[], string, new (m: string) => Error][] = [
    [[{ containerPort: 80 }], 'none', InvalidTaskError],
    [[{ containerPortRange: '8000-8010' }], 'bridge', TaskUnsupportedError],
    [[{}], 'bridge', InvalidTaskError],
    [[{ containerPort: 0 }], 'bridge', InvalidTaskError],
    [[{ containerPort: 70000 }], 'bridge', InvalidTaskError],
    [[{ containerPort: 80, hostPort: -1 }], 'bridge', InvalidTaskError],
    [[{ containerPort: 80, protocol: 'sctp' as 'tcp' }], 'bridge', InvalidTaskError],
  ]
  for (const [mappings, mode, Kind] of bad) {
    t.throws(() => dockerPorts(mappings, mode as 'bridge', 'web'), Kind, JSON.stringify(mappings))
  }
  t.same(dockerPorts([], 'none', 'web'), { ExposedPorts: {}, PortBindings: {} })
  t.end()
})

t.test('networkBindings reads what Docker bound, IPv4 only by default', t => {
  const inspected = {
    networkMode: 'bridge',
    ports: {
      '8080/tcp': [
        { HostIp: '0.0.0.0', HostPort: '49154' },
        { HostIp: '::', HostPort: '49154' },
        { HostIp: '0.0.0.0', HostPort: '18080' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '49153' }],
      '9000/tcp': null,
      'junk/tcp': [{ HostIp: '', HostPort: '1' }],
    },
  }
  t.same(networkBindings(inspected, [], { excludeIpv6: true }), [
    { bindIP: '0.0.0.0', containerPort: 53, hostPort: 49153, protocol: 'udp' },
    { bindIP: '0.0.0.0', containerPort: 8080, hostPort: 18080, protocol: 'tcp' },
    { bindIP: '0.0.0.0', containerPort: 8080, hostPort: 49154, protocol: 'tcp' },
  ])
  const all = networkBindings(inspected, [], { excludeIpv6: false })
  t.equal(all.length, 4)
  t.same(
    all.filter(b => b.hostPort === 49154).map(b => b.bindIP),
    ['::', '0.0.0.0'],
  )
  const twice = networkBindings(
    {
      networkMode: 'bridge',
      ports: {
        '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '80' }],
        '80/udp': [{ HostIp: '0.0.0.0', HostPort: '80' }],
      },
    },
    [],
    { excludeIpv6: true },
  )
  t.same(
    twice.map(b => b.protocol),
    ['tcp', 'udp'],
  )
  t.end()
})

t.test('networkBindings in host mode reports each mapping on its container port', t => {
  t.same(
    networkBindings(
      { networkMode: 'host', ports: {} },
      [{ containerPort: 80 }, { containerPort: 53, protocol: 'udp' }, {}],
      {
        excludeIpv6: true,
      },
    ),
    [
      { bindIP: '0.0.0.0', containerPort: 80, hostPort: 80, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 53, hostPort: 53, protocol: 'udp' },
    ],
  )
  t.end()
})
