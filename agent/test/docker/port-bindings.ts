import t from 'tap'
import {
  bindPortRanges,
  dockerPorts,
  networkBindings,
  portRanges,
} from '../../src/docker/port-bindings.js'
import { InvalidTaskError } from '../../src/errors.js'
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
    [[{ containerPortRange: '8000' }], 'bridge', InvalidTaskError],
    [[{ containerPortRange: '8010-8000' }], 'bridge', InvalidTaskError],
    [[{ containerPortRange: '0-10' }], 'bridge', InvalidTaskError],
    [[{ containerPortRange: '8000-70000' }], 'bridge', InvalidTaskError],
    [[{ containerPortRange: '8000-8001', containerPort: 8000 }], 'bridge', InvalidTaskError],
    [[{ containerPortRange: '8000-8001', hostPort: 9000 }], 'bridge', InvalidTaskError],
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

t.test('containerPortRange: every port exposed; bridge binds each, filled in at create', t => {
  const mappings: PortMapping[] = [
    { containerPortRange: '8000-8002' },
    { containerPortRange: '53-54', protocol: 'udp' },
    { containerPort: 80 },
  ]
  const bridge = dockerPorts(mappings, 'bridge', 'web')
  t.same(Object.keys(bridge.ExposedPorts), [
    '8000/tcp',
    '8001/tcp',
    '8002/tcp',
    '53/udp',
    '54/udp',
    '80/tcp',
  ])
  t.same(bridge.PortBindings['8001/tcp'], [{ HostIp: '', HostPort: '' }])
  const ranges = portRanges(mappings, 'bridge', 'web')
  t.same(ranges, [
    { start: 8000, end: 8002, protocol: 'tcp' },
    { start: 53, end: 54, protocol: 'udp' },
  ])
  t.same(portRanges(mappings, 'host', 'web'), [], 'host mode binds nothing')
  t.same(dockerPorts(mappings, 'host', 'web').PortBindings, {})
  t.same(bindPortRanges(bridge.PortBindings, ranges, [50000, 60000]), {
    '8000/tcp': [{ HostIp: '', HostPort: '50000' }],
    '8001/tcp': [{ HostIp: '', HostPort: '50001' }],
    '8002/tcp': [{ HostIp: '', HostPort: '50002' }],
    '53/udp': [{ HostIp: '', HostPort: '60000' }],
    '54/udp': [{ HostIp: '', HostPort: '60001' }],
    '80/tcp': [{ HostIp: '', HostPort: '' }],
  })
  t.same(
    bindPortRanges({}, ranges.slice(0, 1), [])['8000/tcp'],
    [{ HostIp: '', HostPort: '0' }],
    'a missing start is port 0 (Docker picks)',
  )
  t.end()
})

t.test('host mode reports each port of a range on itself', t => {
  t.same(
    networkBindings(
      { networkMode: 'host', ports: {} },
      [{ containerPortRange: '7000-7001', protocol: 'udp' }, { containerPortRange: 'bad' }],
      { excludeIpv6: true },
    ),
    [
      { bindIP: '0.0.0.0', containerPort: 7000, hostPort: 7000, protocol: 'udp' },
      { bindIP: '0.0.0.0', containerPort: 7001, hostPort: 7001, protocol: 'udp' },
    ],
  )
  t.end()
})
