import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ECS } from '@quayside/sdk'
import t from 'tap'
import type { RuntimeInfo } from '../src/docker/runtime.js'
import {
  cpuArchitecture,
  hostAttributes,
  hostResources,
  identityFile,
  loadIdentity,
  parseAttribute,
  registerInstance,
  registrationRequest,
  saveIdentity,
} from '../src/registration.js'
import { fakeRuntime } from './fixtures/fake-runtime.js'
import { testServer } from './fixtures/server.js'

const info = (cpus: number, memoryMiB: number, architecture = 'x86_64'): RuntimeInfo => ({
  cpus,
  memoryBytes: memoryMiB * 1024 * 1024,
  os: 'linux',
  architecture,
  operatingSystem: 'Test',
  kernelVersion: '6',
  serverVersion: '27.0.0',
})

t.test('resources: CPU = cores x 1024, MEMORY = MiB minus reserved, the reserved ports', t => {
  const rows: [cpus: number, mib: number, reserved: number, cpu: number, memory: number][] = [
    [1, 1024, 0, 1024, 1024],
    [4, 8192, 512, 4096, 7680],
    [2, 100, 200, 2048, 0], // more reserved than there is: nothing left, never negative
  ]
  for (const [cpus, mib, reserved, cpu, memory] of rows) {
    const r = hostResources(info(cpus, mib), reserved)
    t.same(r[0], { name: 'CPU', type: 'INTEGER', integerValue: cpu })
    t.same(r[1], { name: 'MEMORY', type: 'INTEGER', integerValue: memory })
  }
  const [, , ports, udp] = hostResources(info(1, 1024))
  t.same(ports?.stringSetValue, ['22', '2375', '2376', '51678', '51679'])
  t.same(udp, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] })
  t.end()
})

t.test('architecture and custom attributes are spelled as ECS spells them', t => {
  const arch: [string, string][] = [
    ['x86_64', 'x86_64'],
    ['amd64', 'x86_64'],
    ['aarch64', 'arm64'],
    ['riscv64', 'riscv64'],
  ]
  for (const [docker, ecs] of arch) t.equal(cpuArchitecture(docker), ecs, docker)
  const attrs: [string, ReturnType<typeof parseAttribute>][] = [
    ['team=web', { name: 'team', value: 'web' }],
    ['gpu', { name: 'gpu' }],
    ['k=a=b', { name: 'k', value: 'a=b' }],
    ['=x', undefined],
    ['', undefined],
  ]
  for (const [text, parsed] of attrs) t.same(parseAttribute(text), parsed, text)
  t.end()
})

t.test('attributes: os, architecture, the API versions the runtime speaks, custom ones win', t => {
  const names = (apiVersion: string) =>
    hostAttributes(info(1, 1), { version: '27', apiVersion }).map(a => a.name)
  t.ok(names('1.43').includes('com.amazonaws.ecs.capability.docker-remote-api.1.25'))
  t.notOk(names('1.19').includes('com.amazonaws.ecs.capability.docker-remote-api.1.20'))
  t.ok(names('1.19').includes('com.amazonaws.ecs.capability.docker-remote-api.1.19'))
  t.ok(names('1.19.1').includes('com.amazonaws.ecs.capability.docker-remote-api.1.19'))
  const attrs = hostAttributes(
    info(1, 1, 'aarch64'),
    { version: '27', apiVersion: '1.43' },
    [
      { name: 'ecs.os-type', value: 'custom' },
      { name: 'team', value: 'web' },
    ],
    { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
  )
  const byName = new Map(attrs.map(a => [a.name, a.value]))
  t.equal(byName.get('ecs.os-type'), 'custom')
  t.equal(byName.get('ecs.cpu-architecture'), 'arm64')
  t.equal(byName.get('ecs.instance-type'), 'm5.large')
  t.equal(byName.get('ecs.availability-zone'), 'us-east-1a')
  t.equal(byName.get('team'), 'web')
  const request = registrationRequest(
    info(1, 1),
    { version: '27.1', apiVersion: '1.43' },
    { cluster: 'c', stateDir: '/x' },
    'arn:saved',
  )
  t.equal(request.containerInstanceArn, 'arn:saved')
  t.match(request.versionInfo, { agentVersion: /^\d+\.\d+\.\d+$/, dockerVersion: /27\.1/ })
  t.end()
})

t.test('the identity file: saved per cluster, anything unreadable is no identity', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-state-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  t.equal(await loadIdentity(dir, 'c'), undefined, 'nothing saved')
  await saveIdentity(join(dir, 'nested'), 'c', 'arn:1')
  t.equal(await loadIdentity(join(dir, 'nested'), 'c'), 'arn:1')
  t.equal(await loadIdentity(join(dir, 'nested'), 'other'), undefined, 'another cluster')
  await writeFile(identityFile(dir), 'not json')
  t.equal(await loadIdentity(dir, 'c'), undefined, 'corrupt file')
})

t.test('registers against a real server: creates the cluster, keeps its identity', async t => {
  const { dir, server, ecs } = await testServer(t, 'agent-reg-', { retry: { maxAttempts: 1 } })
  const runtime = fakeRuntime()
  const options = { cluster: 'fresh', stateDir: join(dir, 'state'), reservedMemoryMiB: 192 }

  const first = await registerInstance(ecs, runtime, options)
  t.same({ cpu: first.cpu, memory: first.memory }, { cpu: 4096, memory: 8192 - 192 })
  const clusters = await ecs.describeClusters({ clusters: ['fresh'] })
  t.equal(clusters.clusters?.[0]?.status, 'ACTIVE', 'the missing cluster was created')

  const again = await registerInstance(ecs, runtime, options)
  t.equal(again.containerInstanceArn, first.containerInstanceArn, 'same instance after restart')
  const listed = await ecs.listContainerInstances({ cluster: 'fresh' })
  t.equal(listed.containerInstanceArns?.length, 1, 'no second instance')

  // the server no longer knows the saved instance: a new registration, saved in its place
  await ecs.deregisterContainerInstance({
    cluster: 'fresh',
    containerInstance: first.containerInstanceArn,
    force: true,
  })
  const fresh = await registerInstance(ecs, runtime, options)
  t.not(fresh.containerInstanceArn, first.containerInstanceArn)
  t.equal(await loadIdentity(options.stateDir, 'fresh'), fresh.containerInstanceArn)

  // other refusals surface as they are
  const stranger = new ECS({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' },
    retry: { maxAttempts: 1 },
  })
  t.teardown(() => stranger.close())
  await t.rejects(registerInstance(stranger, runtime, options), {
    name: 'UnrecognizedClientException',
  })
  const broken = new ECS({
    endpoint: 'http://127.0.0.1:1',
    region: 'us-east-1',
    retry: { maxAttempts: 1 },
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  })
  t.teardown(() => broken.close())
  await t.rejects(registerInstance(broken, runtime, options), { name: 'NetworkError' })
})
