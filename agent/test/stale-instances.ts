import t from 'tap'
import { INSTANCE_LABEL, TASK_ARN_LABEL } from '../src/docker/identity.js'
import { goneInstances, otherInstances, removeStaleContainers } from '../src/stale-instances.js'

const arn = (cluster: string, id: string, account = '000000000000', region = 'us-east-1') =>
  `arn:aws:ecs:${region}:${account}:container-instance/${cluster}/${id}`
const CURRENT = arn('web', 'new')
const labelled = (instance?: string) => ({
  labels: {
    [TASK_ARN_LABEL]: 't',
    ...(instance === undefined ? {} : { [INSTANCE_LABEL]: instance }),
  },
})

t.test('otherInstances: same account, region and cluster, not the current one', t => {
  const cases: { given: (string | undefined)[]; want: string[] }[] = [
    { given: [], want: [] },
    { given: [CURRENT, undefined], want: [] },
    { given: [arn('web', 'old'), arn('web', 'old'), CURRENT], want: [arn('web', 'old')] },
    { given: [arn('other', 'x')], want: [] },
    { given: [arn('web', 'x', '111111111111')], want: [] },
    { given: [arn('web', 'x', '000000000000', 'eu-west-1')], want: [] },
    { given: ['not an arn'], want: [] },
  ]
  for (const { given, want } of cases)
    t.same(otherInstances(given.map(labelled), CURRENT), want, JSON.stringify(given))
  t.end()
})

t.test('goneInstances: INACTIVE or MISSING; anything else is kept', t => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(id => arn('web', id)) as [
    string,
    string,
    string,
    string,
  ]
  t.same(
    goneInstances([a, b, c, d], {
      containerInstances: [
        { containerInstanceArn: a, status: 'INACTIVE' },
        { containerInstanceArn: b, status: 'ACTIVE' },
        { containerInstanceArn: c, status: 'DRAINING' },
      ],
      failures: [{ arn: d, reason: 'MISSING' }],
    }),
    [a, d],
  )
  t.same(goneInstances([a], {}), [], 'no word of it: kept')
  t.end()
})

t.test('removeStaleContainers stops and removes only a gone instance’s containers', async t => {
  const old = arn('web', 'old')
  const live = arn('web', 'live')
  const rows = [
    { id: '1', name: 'ecs-a', state: 'running', ...labelled(old) },
    { id: '2', name: 'ecs-b', state: 'exited', ...labelled(old) },
    { id: '3', name: 'ecs-c', state: 'running', ...labelled(live) },
    { id: '4', name: 'ecs-d', state: 'running', ...labelled(CURRENT) },
  ]
  const calls: string[] = []
  const lines: string[] = []
  const errors: unknown[] = []
  const removed = await removeStaleContainers({
    ecs: {
      describeContainerInstances: input => {
        calls.push(`describe ${input.containerInstances.join(',')}`)
        return Promise.resolve({
          containerInstances: [
            { containerInstanceArn: old, status: 'INACTIVE' },
            { containerInstanceArn: live, status: 'ACTIVE' },
          ],
          failures: [],
        })
      },
    },
    runtime: {
      listContainers: () => Promise.resolve(rows),
      stopContainer: id => {
        calls.push(`stop ${id}`)
        return id === '2' ? Promise.reject(new Error('cannot stop')) : Promise.resolve()
      },
      removeContainer: id => {
        calls.push(`remove ${id}`)
        return Promise.resolve()
      },
    },
    cluster: 'web',
    instanceArn: CURRENT,
    log: line => lines.push(line),
    onError: error => errors.push(error),
  })
  t.same(removed, ['1'])
  t.same(calls, [`describe ${old},${live}`, 'stop 1', 'stop 2', 'remove 1'])
  t.match(lines, [new RegExp(`${old} no longer exists.*ecs-a, ecs-b`)])
  t.match(errors, [{ message: 'cannot stop' }], 'a failure is reported, the others still done')
})

t.test('removeStaleContainers asks nothing when no other instance labels a container', async t => {
  const removed = await removeStaleContainers({
    ecs: { describeContainerInstances: () => Promise.reject(new Error('not to be called')) },
    runtime: {
      listContainers: () =>
        Promise.resolve([{ id: '1', name: 'n', state: 'running', ...labelled(CURRENT) }]),
      stopContainer: () => Promise.reject(new Error('not to be called')),
      removeContainer: () => Promise.reject(new Error('not to be called')),
    },
    cluster: 'web',
    instanceArn: CURRENT,
    log: () => undefined,
    onError: () => undefined,
  })
  t.same(removed, [])
})
