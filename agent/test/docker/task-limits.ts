import t from 'tap'
import { taskCpuUnits, taskLimits, taskMemoryMiB } from '../../src/docker/task-limits.js'
import { InvalidTaskError } from '../../src/errors.js'
import { containerDef } from '../fixtures/tasks.js'

t.test('task cpu and memory, as ECS writes them', t => {
  const cpu: [unknown, number | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    [null, undefined],
    ['256', 256],
    [512, 512],
    ['1 vCPU', 1024],
    ['0.25vcpu', 256],
  ]
  for (const [given, want] of cpu) t.equal(taskCpuUnits(given), want, `cpu ${String(given)}`)
  const memory: [unknown, number | undefined][] = [
    [undefined, undefined],
    ['512', 512],
    ['1 GB', 1024],
    ['2gb', 2048],
    ['300 MiB', 300],
    ['0.5 GiB', 512],
  ]
  for (const [given, want] of memory) t.equal(taskMemoryMiB(given), want, `memory ${String(given)}`)
  for (const bad of ['lots', '1 TB', '0', '-5', '1 vCPU 2', { cpu: 1 }]) {
    t.throws(() => taskMemoryMiB(bad), InvalidTaskError, `memory ${JSON.stringify(bad)}`)
    t.throws(() => taskCpuUnits(bad), InvalidTaskError, `cpu ${JSON.stringify(bad)}`)
  }
  t.end()
})

t.test('taskLimits: the task caps every container', t => {
  const definition = { family: 'f', revision: 1, containerDefinitions: [] }
  const rows: [string, object, object, object][] = [
    ['no task limits: nothing', {}, {}, {}],
    [
      'task memory: the hard limit of a container without one',
      { memory: '256' },
      { memoryReservation: 64 },
      { Memory: 256 * 1024 * 1024 },
    ],
    ['task memory: a container with its own keeps it', { memory: '256' }, { memory: 128 }, {}],
    ['a tiny task memory is raised to 6 MiB', { memory: '4' }, {}, { Memory: 6 * 1024 * 1024 }],
    ['task cpu: a CFS cap on every container', { cpu: '512' }, { cpu: 128 }, { NanoCpus: 5e8 }],
    ['both', { cpu: '2 vCPU', memory: '1 GB' }, {}, { Memory: 1024 * 1024 * 1024, NanoCpus: 2e9 }],
  ]
  for (const [why, task, container, want] of rows) {
    t.same(taskLimits({ ...definition, ...task }, containerDef('c', container)), want, why)
  }
  t.end()
})
