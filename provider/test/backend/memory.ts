import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { createMemoryBackends } from '../../src/backend/memory.js'
import { BACKEND_ENV, selectBackendFactory } from '../../src/backend/select.js'

const signal = new AbortController().signal
const errorWithPath = (path: string[]) => ({ path }) as unknown as Error
const config = {
  endpoint: undefined,
  region: 'us-east-1',
  accessKey: undefined,
  secretKey: undefined,
  sessionToken: undefined,
}

t.test(
  'state survives in the file between backends (and so between provider processes)',
  async t => {
    const file = join(t.testdir(), 'state.json')
    const first = createMemoryBackends('us-east-1', file)
    await first.cluster.create({ clusterName: 'a' })
    const second = createMemoryBackends('us-east-1', file)
    t.match(await second.cluster.read('arn:aws:ecs:us-east-1:000000000000:cluster/a'), {
      clusterName: 'a',
    })
    t.match(JSON.parse(readFileSync(file, 'utf8')), { clusters: { a: {} } })
  },
)

t.test('ECS-like answers and errors', async t => {
  const b = createMemoryBackends('us-east-1')
  await t.rejects(
    b.service.create({ serviceName: 's' }),
    { message: /^ClusterNotFoundException/ },
    'the default cluster must exist',
  )
  await b.cluster.create({})
  t.ok(b.state().clusters['default'])
  await t.rejects(b.taskDefinition.create({ family: 'bad name' }), { message: /^ClientException/ })
  await t.rejects(b.taskDefinition.create({}), { message: /^ClientException/ })
  await t.rejects(b.service.create({ serviceName: 's', taskDefinition: 'none' }), {
    message: /^ClientException/,
  })
  const created = await b.service.create({ serviceName: 's' })
  t.notOk('taskDefinition' in created)
  await t.rejects(b.service.create({ serviceName: 's' }), { message: /^InvalidParameterException/ })
  await t.rejects(b.service.update('default', 'none', {}), { message: /^ServiceNotFoundException/ })
  t.match(await b.service.update('default', 's', { desiredCount: 2 }), {
    desiredCount: 2,
    deploymentConfiguration: { maximumPercent: 200 },
  })
  await t.resolves(b.service.waitStable('default', 's', 1000), 'a service it holds is stable')
  await t.rejects(b.service.waitStable('default', 'none', 1000), {
    code: 'QS_PROVIDER_WAIT',
    message: /^service none does not exist/,
  })
  await t.rejects(b.service.delete('default', 'none', 1000), {
    message: /^ServiceNotFoundException/,
  })
  await t.rejects(b.cluster.update('none', {}), { message: /^ClusterNotFoundException/ })
  t.match(await b.cluster.update('default', {}), { settings: [], tags: [] })
  await t.rejects(b.taskDefinition.delete('none:1'), { message: /^ClientException/ })
  await t.rejects(b.containerInstanceAttributes.create({ cluster: 'default' }), {
    message: /^InvalidParameterException/,
  })
  await b.containerInstanceAttributes.create({
    targetId: 'i',
    attributes: [{ name: 'a' }, { name: 'b' }],
  })
  await b.containerInstanceAttributes.delete('default', 'i', ['a'])
  t.match(await b.containerInstanceAttributes.read('default', 'i'), { attributes: [{ name: 'b' }] })
  t.match(await b.containerInstanceAttributes.create({ targetId: 'j' }), { attributes: [] })
  t.equal(await b.accountSettingDefault.read('x'), undefined)
  await b.accountSettingDefault.create({})
  t.ok(b.state().accountSettings[''])
})

t.test('task definition revisions', async t => {
  const b = createMemoryBackends('eu-west-1')
  const one = await b.taskDefinition.create({ family: 'f' })
  const two = await b.taskDefinition.create({ family: 'f' })
  t.equal(two.revision, 2)
  t.equal(
    (await b.taskDefinition.read('f'))?.revision,
    2,
    'a family names its latest ACTIVE revision',
  )
  await b.taskDefinition.delete(two.taskDefinitionArn ?? '')
  t.equal((await b.taskDefinition.read('f'))?.revision, 1)
  t.equal(await b.taskDefinition.read('f:2'), undefined, 'INACTIVE reads as gone')
  t.equal((await b.taskDefinition.read(one.taskDefinitionArn ?? ''))?.revision, 1)
})

t.test('selecting the backend (test seam)', async t => {
  const memory = selectBackendFactory({ [BACKEND_ENV]: 'memory' })
  t.equal(memory(config, signal), memory(config, signal), 'one store per process')
  const file = join(t.testdir(), 'x.json')
  const persisted = selectBackendFactory({ [BACKEND_ENV]: `memory:${file}` })
  await persisted(config, signal).cluster.create({ clusterName: 'p' })
  t.match(JSON.parse(readFileSync(file, 'utf8')), { clusters: { p: {} } })
  // without the seam: the SDK-backed backend, which needs an endpoint (test/backend/select.ts)
  const real = selectBackendFactory({})
  t.throws(() => real(config, signal), errorWithPath(['endpoint']))
})
