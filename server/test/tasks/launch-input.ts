import type { StartTaskRequest } from '@quayside/openapi/types'
import t from 'tap'
import { launchInput, type LaunchRequest } from '../../src/tasks/launch-input.js'

t.test('a RunTask request becomes a launch: tags merged, placement members as given', t => {
  const launch = launchInput(
    {
      cluster: 'c',
      taskDefinition: 'web:1',
      overrides: { containerOverrides: [{ name: 'web', cpu: 64 }] },
      group: 'g',
      startedBy: 'me',
      tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }, { key: 'b' }],
      launchType: 'EXTERNAL',
      placementConstraints: [{ type: 'distinctInstance' }],
      placementStrategy: [{ type: 'binpack', field: 'cpu' }],
    },
    3,
  )
  t.same(launch, {
    cluster: 'c',
    taskDefinition: 'web:1',
    count: 3,
    overrides: { containerOverrides: [{ name: 'web', cpu: 64 }] },
    group: 'g',
    startedBy: 'me',
    tags: [
      { key: 'a', value: '2' },
      { key: 'b', value: '' },
    ],
    launchType: 'EXTERNAL',
    constraints: [{ type: 'distinctInstance' }],
    strategies: [{ type: 'binpack', field: 'cpu' }],
  })
  t.end()
})

t.test('a StartTask request (no launch type, no placement) launches with none', t => {
  const request: StartTaskRequest = { taskDefinition: 'web', containerInstances: ['i'] }
  const launch = launchInput(request, 1)
  t.equal(launch.launchType, undefined)
  t.same(launch.constraints, [])
  t.same(launch.strategies, [])
  t.same(launch.tags, [])
  t.end()
})

t.test("members past ECS's limits are InvalidParameterException", t => {
  const cases: { name: string; given: Omit<LaunchRequest, 'taskDefinition'>; ok: boolean }[] = [
    { name: 'startedBy of 128 characters', given: { startedBy: 'x'.repeat(128) }, ok: true },
    { name: 'startedBy of 129 characters', given: { startedBy: 'x'.repeat(129) }, ok: false },
    { name: 'group of 255 characters', given: { group: 'x'.repeat(255) }, ok: true },
    { name: 'group of 256 characters', given: { group: 'x'.repeat(256) }, ok: false },
    {
      name: 'overrides over 8192 characters of JSON',
      given: { overrides: { taskRoleArn: 'x'.repeat(8192) } },
      ok: false,
    },
    { name: 'a tag without a key', given: { tags: [{ value: 'v' }] }, ok: false },
  ]
  for (const { name, given, ok } of cases) {
    let shape: unknown
    try {
      launchInput({ taskDefinition: 'web', ...given }, 1)
    } catch (error) {
      shape = (error as { shapeName?: unknown }).shapeName
    }
    t.equal(shape, ok ? undefined : 'InvalidParameterException', name)
  }
  t.end()
})
