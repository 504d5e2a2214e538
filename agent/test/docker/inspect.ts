import t from 'tap'
import { containerDetails, containerSummary } from '../../src/docker/inspect.js'

t.test('an Engine inspect answer is narrowed to what the agent reads', t => {
  const got = containerDetails({
    Id: 'abc',
    Name: '/ecs-fam-3-web-aa',
    Image: 'sha256:123',
    Created: '2023-12-31T23:59:59Z',
    Config: { Image: 'busybox', Labels: { a: 'b' } },
    State: {
      Status: 'exited',
      Running: false,
      ExitCode: 3,
      OOMKilled: true,
      Error: '',
      StartedAt: '2024-01-01T00:00:00.5Z',
      FinishedAt: '2024-01-01T00:00:01Z',
      Health: { Status: 'unhealthy' },
    },
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: {
      Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '49153' }] },
      Networks: { bridge: { IPAddress: '172.17.0.5' }, other: { IPAddress: '' }, gone: null },
    },
  })
  t.same(got, {
    id: 'abc',
    name: 'ecs-fam-3-web-aa',
    image: 'busybox',
    imageId: 'sha256:123',
    labels: { a: 'b' },
    state: {
      status: 'exited',
      running: false,
      exitCode: 3,
      oomKilled: true,
      error: '',
      startedAt: new Date('2024-01-01T00:00:00.5Z'),
      finishedAt: new Date('2024-01-01T00:00:01Z'),
      health: 'unhealthy',
    },
    networkMode: 'bridge',
    ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '49153' }] },
    createdAt: new Date('2023-12-31T23:59:59Z'),
    ipv4Addresses: ['172.17.0.5'],
  })
  t.end()
})

t.test('missing, null and zero values become safe defaults', t => {
  const got = containerDetails({
    Name: 'plain',
    Config: { Labels: null },
    State: { StartedAt: '0001-01-01T00:00:00Z', FinishedAt: 'garbage', Health: null },
    NetworkSettings: { Ports: null },
  })
  t.same(got.labels, {})
  t.equal(got.name, 'plain')
  t.equal(got.state.startedAt, undefined)
  t.equal(got.state.finishedAt, undefined)
  t.equal(got.state.health, undefined)
  t.same(got.ports, {})
  t.same(got.ipv4Addresses, [])
  t.equal(got.createdAt, undefined)
  const empty = containerDetails({})
  t.same(
    [
      empty.id,
      empty.image,
      empty.imageId,
      empty.state.status,
      empty.state.exitCode,
      empty.networkMode,
    ],
    ['', '', '', 'unknown', 0, 'default'],
  )
  t.equal(containerDetails({ State: { Health: { Status: 'starting' } } }).state.health, 'starting')
  t.equal(containerDetails({ State: { Health: { Status: 'none' } } }).state.health, undefined)
  t.end()
})

t.test('a container list row is narrowed too', t => {
  t.same(
    containerSummary({ Id: 'x', Names: ['/n1', '/n2'], Labels: { a: 'b' }, State: 'running' }),
    {
      id: 'x',
      name: 'n1',
      labels: { a: 'b' },
      state: 'running',
    },
  )
  t.same(containerSummary({ Labels: null }), { id: '', name: '', labels: {}, state: 'unknown' })
  t.end()
})
