import t, { type Test } from 'tap'
import {
  DockerodeRuntime,
  dockerodeOptions,
  labelFilter,
} from '../../src/docker/dockerode-runtime.js'
import type { ContainerCreateConfig, RuntimeEvent } from '../../src/docker/runtime.js'
import {
  CannotCreateContainerError,
  CannotInspectContainerError,
  CannotListContainersError,
  CannotPullContainerError,
  CannotRemoveContainerError,
  CannotRemoveVolumeError,
  CannotStartContainerError,
  CannotStopContainerError,
  DockerTimeoutError,
  DockerUnavailableError,
} from '../../src/errors.js'
import { fakeEngine, json, type FakeEngine } from '../fixtures/fake-engine.js'

async function setup(t: Test): Promise<{ engine: FakeEngine; runtime: DockerodeRuntime }> {
  const engine = await fakeEngine()
  t.teardown(() => engine.close())
  return {
    engine,
    runtime: new DockerodeRuntime({
      dockerHost: engine.host,
      timeouts: { startMs: 200, eventsConnectMs: 200 },
    }),
  }
}

t.test('dockerodeOptions understands the DOCKER_HOST forms', t => {
  t.same(dockerodeOptions('unix:///var/run/docker.sock'), { socketPath: '/var/run/docker.sock' })
  t.same(dockerodeOptions('tcp://10.0.0.1:2375'), {
    host: '10.0.0.1',
    port: 2375,
    protocol: 'http',
  })
  t.same(dockerodeOptions('tcp://docker'), { host: 'docker', port: 2375, protocol: 'http' })
  t.same(dockerodeOptions('https://docker:9999'), { host: 'docker', port: 9999, protocol: 'https' })
  t.same(dockerodeOptions('https://docker'), { host: 'docker', port: 2376, protocol: 'https' })
  t.same(dockerodeOptions('http://[::1]:2375'), { host: '::1', port: 2375, protocol: 'http' })
  for (const bad of ['docker.sock', 'ftp://x', 'tcp://', 'npipe:////./pipe/docker_engine']) {
    t.throws(() => dockerodeOptions(bad), DockerUnavailableError, bad)
  }
  t.same(labelFilter({ a: true, b: 'c' }), ['a', 'b=c'])
  t.end()
})

t.test('the default host comes from DOCKER_HOST, else the local socket', t => {
  const saved = process.env['DOCKER_HOST']
  t.teardown(() => {
    if (saved === undefined) delete process.env['DOCKER_HOST']
    else process.env['DOCKER_HOST'] = saved
  })
  process.env['DOCKER_HOST'] = 'ftp://nope'
  t.throws(() => new DockerodeRuntime(), DockerUnavailableError)
  delete process.env['DOCKER_HOST']
  t.ok(new DockerodeRuntime())
  t.end()
})

t.test('pullImage streams the pull and fails on an error line or status', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('POST', '/images/create', (req, res) => {
    res.writeHead(200)
    if (req.query.get('fromImage') === 'bad')
      res.write('{"status":"Pulling"}\n{"error":"manifest unknown","errorDetail":{}}\n')
    else res.write('{"status":"Pulling"}\nnot json\n{"status":"Done"}\n')
    res.end()
  })
  await runtime.pullImage('busybox:1.36')
  t.same(
    [engine.requests[0]?.query.get('fromImage'), engine.requests[0]?.query.get('tag')],
    ['busybox', '1.36'],
  )
  await t.rejects(runtime.pullImage('bad'), new CannotPullContainerError('manifest unknown'))
  engine.route('POST', '/images/create', (_req, res) =>
    json(res, 500, { message: 'registry unreachable' }),
  )
  await t.rejects(runtime.pullImage('x'), {
    name: 'CannotPullContainerError',
    message: 'registry unreachable',
  })
})

t.test('imageExists is true, false on 404, an error otherwise', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', /^\/images\/.*\/json$/, (req, res) => {
    if (req.path.includes('present')) json(res, 200, { Id: 'sha256:1' })
    else if (req.path.includes('absent')) json(res, 404, { message: 'No such image' })
    else json(res, 500, { message: 'boom' })
  })
  t.equal(await runtime.imageExists('present'), true)
  t.equal(await runtime.imageExists('absent'), false)
  await t.rejects(runtime.imageExists('broken'), CannotPullContainerError)
})

t.test('createContainer sends the name in the query and the config as the body', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('POST', '/containers/create', (req, res) => {
    if (req.query.get('name') === 'taken')
      json(res, 409, { message: 'Conflict. The container name is already in use' })
    else json(res, 201, { Id: 'abc123', Warnings: [] })
  })
  const config: ContainerCreateConfig = {
    name: 'ecs-x',
    Image: 'busybox',
    Labels: { a: 'b' },
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  }
  t.equal(await runtime.createContainer(config), 'abc123')
  const request = engine.requests[0]!
  t.same([...request.query.keys()], ['name'])
  t.same(request.body, {
    Image: 'busybox',
    Labels: { a: 'b' },
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  })
  await t.rejects(runtime.createContainer({ ...config, name: 'taken' }), {
    name: 'CannotCreateContainerError',
    message: 'Conflict. The container name is already in use',
  })
  t.ok(
    (await runtime
      .createContainer({ ...config, name: 'taken' })
      .catch((e: unknown) => e)) instanceof CannotCreateContainerError,
  )
})

t.test(
  'start: 204 and 304 succeed, errors are CannotStartContainerError, a hang times out',
  async t => {
    const { engine, runtime } = await setup(t)
    engine.route('POST', /^\/containers\/(ok|already|failing)\/start$/, (req, res) => {
      if (req.path.includes('ok')) json(res, 204)
      else if (req.path.includes('already')) json(res, 304)
      else json(res, 500, { message: 'port is already allocated' })
    })
    engine.route('POST', '/containers/hang/start', () => undefined)
    await runtime.startContainer('ok')
    await runtime.startContainer('already')
    await t.rejects(runtime.startContainer('failing'), {
      name: 'CannotStartContainerError',
      message: 'port is already allocated',
    })
    t.ok(
      (await runtime.startContainer('failing').catch((e: unknown) => e)) instanceof
        CannotStartContainerError,
    )
    await t.rejects(runtime.startContainer('hang'), DockerTimeoutError)
  },
)

t.test('stop passes the timeout and tolerates stopped or missing containers', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('POST', /\/stop$/, (req, res) => {
    if (req.path.includes('gone')) json(res, 404, { message: 'No such container' })
    else if (req.path.includes('idle')) json(res, 304)
    else if (req.path.includes('stuck')) json(res, 500, { message: 'cannot kill' })
    else json(res, 204)
  })
  await runtime.stopContainer('web', 7)
  t.equal(engine.requests[0]?.query.get('t'), '7')
  await runtime.stopContainer('gone', 1)
  await runtime.stopContainer('idle', 1)
  await t.rejects(runtime.stopContainer('stuck', 1), CannotStopContainerError)
})

t.test('remove forces, drops volumes and tolerates missing or in-progress removal', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('DELETE', /^\/containers\//, (req, res) => {
    if (req.path.includes('gone')) json(res, 404, { message: 'No such container' })
    else if (req.path.includes('busy')) json(res, 409, { message: 'removal in progress' })
    else if (req.path.includes('stuck')) json(res, 500, { message: 'device busy' })
    else json(res, 204)
  })
  await runtime.removeContainer('web', { force: true })
  t.same(
    [engine.requests[0]?.query.get('force'), engine.requests[0]?.query.get('v')],
    ['true', 'true'],
  )
  await runtime.removeContainer('plain')
  t.equal(engine.requests[1]?.query.get('force'), 'false')
  await runtime.removeContainer('gone')
  await runtime.removeContainer('busy')
  await t.rejects(runtime.removeContainer('stuck'), CannotRemoveContainerError)
})

t.test('removeVolume tolerates a missing volume, not one in use', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('DELETE', /^\/volumes\//, (req, res) => {
    if (req.path.includes('gone')) json(res, 404, { message: 'no such volume' })
    else if (req.path.includes('busy')) json(res, 409, { message: 'volume is in use' })
    else json(res, 204)
  })
  await runtime.removeVolume('ecs-x-data')
  await runtime.removeVolume('gone')
  await t.rejects(runtime.removeVolume('busy'), CannotRemoveVolumeError)
  t.same(
    engine.requests.map(r => [r.method, r.path]),
    [
      ['DELETE', '/volumes/ecs-x-data'],
      ['DELETE', '/volumes/gone'],
      ['DELETE', '/volumes/busy'],
    ],
  )
})

t.test('inspect narrows the answer, is undefined for 404, an error otherwise', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', /^\/containers\/.*\/json$/, (req, res) => {
    if (req.path.includes('gone')) json(res, 404, { message: 'No such container' })
    else if (req.path.includes('broken')) json(res, 500, { message: 'boom' })
    else
      json(res, 200, {
        Id: 'web',
        Name: '/ecs-web',
        State: { Status: 'running', Running: true },
        Config: { Labels: { a: 'b' } },
      })
  })
  const details = await runtime.inspectContainer('web')
  t.match(details, {
    id: 'web',
    name: 'ecs-web',
    labels: { a: 'b' },
    state: { status: 'running', running: true },
  })
  t.equal(await runtime.inspectContainer('gone'), undefined)
  await t.rejects(runtime.inspectContainer('broken'), CannotInspectContainerError)
})

t.test('listContainers asks for all containers with the label filter', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', '/containers/json', (_req, res) =>
    json(res, 200, [{ Id: 'a', Names: ['/one'], Labels: { k: 'v' }, State: 'exited' }]),
  )
  t.same(await runtime.listContainers({ k: 'v', other: true }), [
    { id: 'a', name: 'one', labels: { k: 'v' }, state: 'exited' },
  ])
  const query = engine.requests[0]!.query
  t.equal(query.get('all'), 'true')
  t.same(JSON.parse(query.get('filters') ?? ''), { label: ['k=v', 'other'] })
  engine.route('GET', '/containers/json', (_req, res) => json(res, 500, { message: 'nope' }))
  await t.rejects(runtime.listContainers({}), CannotListContainersError)
})

t.test('info and version describe the engine', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', '/info', (_req, res) =>
    json(res, 200, {
      NCPU: 8,
      MemTotal: 1024,
      OSType: 'linux',
      Architecture: 'x86_64',
      OperatingSystem: 'Debian',
      KernelVersion: '6.1',
      ServerVersion: '24.0.7',
    }),
  )
  engine.route('GET', '/version', (_req, res) =>
    json(res, 200, { Version: '24.0.7', ApiVersion: '1.43' }),
  )
  t.same(await runtime.info(), {
    cpus: 8,
    memoryBytes: 1024,
    os: 'linux',
    architecture: 'x86_64',
    operatingSystem: 'Debian',
    kernelVersion: '6.1',
    serverVersion: '24.0.7',
  })
  t.same(await runtime.version(), { version: '24.0.7', apiVersion: '1.43' })
  engine.route('GET', '/info', (_req, res) => json(res, 200, {}))
  t.same(await runtime.info(), {
    cpus: 0,
    memoryBytes: 0,
    os: '',
    architecture: '',
    operatingSystem: '',
    kernelVersion: '',
    serverVersion: '',
  })
  engine.route('GET', '/info', (_req, res) => json(res, 500, { message: 'daemon sick' }))
  await t.rejects(runtime.info(), DockerUnavailableError)
})

t.test('events: connected first, then container events, filtered; abort ends quietly', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', '/events', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write(
      JSON.stringify({
        Type: 'container',
        Action: 'start',
        Actor: { ID: 'c1', Attributes: { a: 'b' } },
        time: 1,
      }) + '\n',
    )
    res.write(JSON.stringify({ Type: 'network', Action: 'connect', Actor: { ID: 'n1' } }) + '\n')
    res.write(
      JSON.stringify({
        Type: 'container',
        Action: 'die',
        Actor: { ID: 'c1', Attributes: { exitCode: '0' } },
        time: 2,
      }) + '\n',
    )
  })
  const stop = new AbortController()
  const seen: RuntimeEvent[] = []
  for await (const event of runtime.events({
    signal: stop.signal,
    labels: { a: true },
    since: new Date(5000),
  })) {
    seen.push(event)
    if (seen.length === 3) stop.abort()
  }
  t.same(
    seen.map(e => (e.type === 'connected' ? 'connected' : `${e.action}:${e.id}`)),
    ['connected', 'start:c1', 'die:c1'],
  )
  const query = engine.requests[0]!.query
  t.same(JSON.parse(query.get('filters') ?? ''), {
    type: ['container'],
    event: ['create', 'start', 'die', 'oom', 'destroy', 'health_status'],
    label: ['a'],
  })
  t.equal(query.get('since'), '5')
  const aborted = new AbortController()
  aborted.abort()
  for await (const event of runtime.events({ signal: aborted.signal }))
    t.fail(`unexpected ${event.type}`)
})

t.test('events: a stream that ends or breaks is DockerUnavailableError', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('GET', '/events', (_req, res) => {
    res.writeHead(200)
    res.end()
  })
  const drain = async (options = {}) => {
    const seen: RuntimeEvent[] = []
    for await (const event of runtime.events(options)) seen.push(event)
    return seen
  }
  await t.rejects(drain(), new DockerUnavailableError('the Docker event stream ended'))
  engine.route('GET', '/events', (_req, res) => {
    res.writeHead(200)
    res.write('{"Type":"container"}\n')
    setTimeout(() => res.destroy(), 10)
  })
  await t.rejects(drain(), DockerUnavailableError)
  engine.route('GET', '/events', () => undefined)
  await t.rejects(drain(), DockerTimeoutError, 'no answer within the connect deadline')
  engine.route('GET', '/events', (_req, res) => json(res, 500, { message: 'daemon shutting down' }))
  await t.rejects(drain(), { name: 'DockerUnavailableError', message: 'daemon shutting down' })
})

t.test(
  'containerStats: one sample of Docker stats JSON, undefined for a missing container',
  async t => {
    const { engine, runtime } = await setup(t)
    engine.route('GET', /^\/containers\/.*\/stats$/, (req, res) => {
      if (req.path.includes('/gone/')) json(res, 404, { message: 'No such container' })
      else if (req.path.includes('/broken/')) json(res, 500, { message: 'boom' })
      else json(res, 200, { read: '2026-01-01T00:00:00Z', memory_stats: { usage: 5 } })
    })
    t.same(await runtime.containerStats('abc'), {
      read: '2026-01-01T00:00:00Z',
      memory_stats: { usage: 5 },
    })
    t.equal(engine.requests[0]?.query.get('stream'), 'false')
    t.equal(await runtime.containerStats('gone'), undefined)
    await t.rejects(runtime.containerStats('broken'), CannotInspectContainerError)
  },
)

t.test('bridgeGateway: the IPv4 gateway of the bridge network, if there is one', async t => {
  const { engine, runtime } = await setup(t)
  const answers = [
    [200, { IPAM: { Config: [{ Gateway: 'fd00::1' }, { Gateway: '172.17.0.1' }] } }],
    [200, { IPAM: { Config: null } }],
    [404, { message: 'network bridge not found' }],
    [500, { message: 'boom' }],
  ] as const
  let next = 0
  engine.route('GET', '/networks/bridge', (_req, res) => {
    const [status, body] = answers[next++] ?? [500, {}]
    json(res, status, body)
  })
  t.equal(await runtime.bridgeGateway(), '172.17.0.1')
  t.equal(await runtime.bridgeGateway(), undefined)
  t.equal(await runtime.bridgeGateway(), undefined)
  await t.rejects(runtime.bridgeGateway(), DockerUnavailableError)
})

t.test('a pull with repositoryCredentials carries the X-Registry-Auth they imply', async t => {
  const { engine, runtime } = await setup(t)
  engine.route('POST', '/images/create', (_req, res) => json(res, 200, { status: 'done' }))
  await runtime.pullImage('registry.example.com:5000/team/app:1', {
    username: 'robot',
    password: 'pull-me',
  })
  await runtime.pullImage('busybox:1.36')
  const pulls = engine.requests.filter(r => r.path === '/images/create')
  t.equal(pulls.length, 2)
  const header = pulls[0]?.headers['x-registry-auth']
  t.type(header, 'string')
  t.same(JSON.parse(Buffer.from(String(header), 'base64').toString('utf8')), {
    username: 'robot',
    password: 'pull-me',
    serveraddress: 'registry.example.com:5000',
  })
  t.equal(pulls[0]?.query.get('fromImage'), 'registry.example.com:5000/team/app')
  t.equal(pulls[1]?.headers['x-registry-auth'], undefined, 'no login without credentials')
})
