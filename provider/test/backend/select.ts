/**
 * Backend selection and the SDK backend's own pieces, in process: the factory against a real
 * server on 127.0.0.1:0, client options from a configuration, error conversion, tags.
 */
import { NetworkError } from '@quayside/sdk'
import t from 'tap'
import { BACKEND_ENV, sdkFactory, selectBackendFactory } from '../../src/backend/select.js'
import { api, clientOptions, lastPart, tagsOf, without } from '../../src/backend/sdk.js'
import { BackendError } from '../../src/errors.js'
import { quaysideServer } from '../fixtures/core.js'

const signal = new AbortController().signal

t.test('clientOptions: explicit keys only when both are there', t => {
  const base = {
    endpoint: 'http://h:1',
    region: 'eu-west-1',
    accessKey: undefined,
    secretKey: undefined,
    sessionToken: undefined,
  }
  t.same(clientOptions(base), { region: 'eu-west-1', endpoint: 'http://h:1' })
  t.same(clientOptions({ ...base, accessKey: 'a', secretKey: 's' }), {
    region: 'eu-west-1',
    endpoint: 'http://h:1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
  })
  t.same(
    clientOptions({ ...base, endpoint: undefined, accessKey: 'a' }),
    { region: 'eu-west-1' },
    'half a key pair is left to the SDK chain (environment, profile)',
  )
  t.same(
    clientOptions({ ...base, accessKey: 'a', secretKey: 's', sessionToken: 'st' }).credentials,
    { accessKeyId: 'a', secretAccessKey: 's', sessionToken: 'st' },
    'temporary credentials keep their session token',
  )
  t.end()
})

t.test('api: SDK errors become BackendErrors named after them', async t => {
  const network = new NetworkError('connect ECONNREFUSED', { cause: new Error('ECONNREFUSED') })
  const converted = await api(() => Promise.reject(network)).catch((error: unknown) => error)
  t.ok(converted instanceof BackendError)
  t.match(converted, { ecsName: 'NetworkError', cause: network })
  const other = new Error('boom')
  t.equal(await api(() => Promise.reject(other)).catch((error: unknown) => error), other)
  t.equal(await api(() => Promise.resolve(7)), 7)
})

t.test('small helpers', t => {
  t.equal(lastPart('arn:aws:ecs:r:1:cluster/web'), 'web')
  t.equal(lastPart('web'), 'web')
  t.same(tagsOf(undefined), [])
  t.same(tagsOf([{ key: 'a' }]), [{ key: 'a', value: '' }])
  t.same(without({ a: 1, b: 2, c: 3 }, ['b']), { a: 1, c: 3 })
  t.end()
})

t.test('the SDK factory against a server, reconfigured', async t => {
  const { url, ecs } = await quaysideServer(t)
  t.not(selectBackendFactory({ [BACKEND_ENV]: '' }), undefined)
  const factory = sdkFactory()
  const config = {
    endpoint: url,
    region: 'us-east-1',
    accessKey: 'test',
    secretKey: 'test',
    sessionToken: undefined,
  }
  const first = factory(config, signal)
  const created = await first.cluster.create({
    clusterName: 'sel',
    tags: [{ key: 'k', value: 'v' }],
  })
  t.match(created, { clusterName: 'sel', status: 'ACTIVE' })
  const second = factory(config, signal)
  t.not(second, first, 'every ConfigureProvider gets a fresh client')
  t.match(await second.cluster.read('sel'), { tags: [{ key: 'k', value: 'v' }] })
  t.equal(await second.cluster.read('nope'), undefined)
  const updated = await second.cluster.update('sel', { settings: [], tags: [] })
  t.same(updated.tags ?? [], [], 'tags replaced by none')
  const refused = await second.cluster.update('nope', {}).catch((error: unknown) => error)
  t.match(refused, { ecsName: 'ClusterNotFoundException' })
  await second.cluster.delete('sel')
  t.equal(await second.cluster.read('sel'), undefined, 'INACTIVE reads as gone')
  t.equal(await second.taskDefinition.read('never'), undefined, 'unknown family reads as gone')
  t.equal(await second.accountSettingDefault.read('awsvpcTrunking'), undefined)
  t.equal(
    await second.containerInstanceAttributes.read('default', 'nope'),
    undefined,
    'an unknown instance has no attributes',
  )
  await (second as unknown as { close(): Promise<void> }).close()
  t.ok((await ecs.listClusters({})).clusterArns, 'the server is still fine')
})
