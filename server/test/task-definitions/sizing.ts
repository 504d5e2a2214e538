import t from 'tap'
import { checkTable, client, container, definition } from './fixtures/definitions.js'

const task = (cpu?: string, memory?: string) => ({
  ...(cpu === undefined ? {} : { cpu }),
  ...(memory === undefined ? {} : { memory }),
})

t.test('cpu and memory rules', t => {
  checkTable(t, [
    ['task cpu units', { given: definition(task('1024')), want: 'accepted' }],
    ['task vCPU', { given: definition(task('1 vCPU')), want: 'accepted' }],
    ['task memory GB', { given: definition(task(undefined, '1GB')), want: 'accepted' }],
    [
      'cpu words refused',
      {
        given: definition(task('lots')),
        want: client(
          "Invalid 'cpu' setting for task: 'lots' is neither CPU units (1024) nor vCPUs (1 vCPU).",
        ),
      },
    ],
    [
      'cpu in GB refused',
      {
        given: definition(task('1 GB')),
        want: client(
          "Invalid 'cpu' setting for task: '1 GB' is neither CPU units (1024) nor vCPUs (1 vCPU).",
        ),
      },
    ],
    [
      'memory MiB suffix refused',
      {
        given: definition(task(undefined, '512 MiB')),
        want: client(
          "Invalid 'memory' setting for task: '512 MiB' is neither MiB (2048) nor GB (2GB).",
        ),
      },
    ],
    ['cpu 128', { given: definition(task('128')), want: 'accepted' }],
    [
      'cpu 127',
      {
        given: definition(task('127')),
        want: client(
          "Invalid 'cpu' setting for task: 127 CPU units is outside the allowed range 128 to 196608.",
        ),
      },
    ],
    ['cpu 192 vCPU', { given: definition(task('192 vCPU')), want: 'accepted' }],
    [
      'cpu 196609',
      {
        given: definition(task('196609')),
        want: client(
          "Invalid 'cpu' setting for task: 196609 CPU units is outside the allowed range 128 to 196608.",
        ),
      },
    ],
    [
      'memory 0',
      {
        given: definition(task(undefined, '0')),
        want: client("Invalid 'memory' setting for task: it must be greater than 0."),
      },
    ],
    [
      'task memory covers containers',
      {
        given: definition(task(undefined, '512'), { name: 'app', image: 'nginx' }),
        want: 'accepted',
      },
    ],
    [
      'no memory anywhere',
      {
        given: definition({}, { name: 'app', image: 'nginx' }),
        want: client(
          "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
        ),
      },
    ],
    [
      'zero memory counts as none',
      {
        given: definition({}, container({ memory: 0 })),
        want: client(
          "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
        ),
      },
    ],
    [
      'memoryReservation alone',
      {
        given: definition({}, { name: 'app', image: 'nginx', memoryReservation: 128 }),
        want: 'accepted',
      },
    ],
    [
      'memory equal to reservation',
      {
        given: definition({}, container({ memory: 256, memoryReservation: 256 })),
        want: 'accepted',
      },
    ],
    [
      'memory below reservation',
      {
        given: definition({}, container({ memory: 128, memoryReservation: 256 })),
        want: client(
          "Invalid setting for container 'app'. 'memory' (128 MiB) must be greater than or equal to 'memoryReservation' (256 MiB).",
        ),
      },
    ],
    [
      'container memory above task memory',
      {
        given: definition(
          task(undefined, '512'),
          container({ memory: 1024, memoryReservation: 128 }),
        ),
        want: client(
          "Invalid setting for container 'app'. 'memory' (1024 MiB) cannot be greater than the task 'memory' (512 MiB).",
        ),
      },
    ],
    [
      'cpu sum within task cpu',
      {
        given: definition(task('512'), container({ cpu: 256 }), container({ name: 'b', cpu: 256 })),
        want: 'accepted',
      },
    ],
    [
      'cpu sum above task cpu',
      {
        given: definition(task('512'), container({ cpu: 256 }), container({ name: 'b', cpu: 257 })),
        want: client(
          "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
        ),
      },
    ],
    [
      'container cpu without task cpu',
      { given: definition({}, container({ cpu: 100_000 })), want: 'accepted' },
    ],
    [
      'reserved memory sum above task memory',
      {
        given: definition(
          task(undefined, '512'),
          container({ memory: 300 }),
          container({ name: 'b', memory: 512, memoryReservation: 256 }),
        ),
        want: client(
          "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
        ),
      },
    ],
    [
      'reserved memory sum equal to task memory',
      {
        given: definition(
          task(undefined, '512'),
          container({ memory: 256 }),
          container({ name: 'b', memoryReservation: 256 }),
        ),
        want: 'accepted',
      },
    ],
  ])
  t.end()
})
