import t from 'tap'
import { pickScaleIn, type ServiceTaskView } from '../../src/services/scale-in.js'

/** A RUNNING task of the PRIMARY deployment `p` unless told otherwise. */
const task = (
  id: string,
  instanceId: string,
  zone: string,
  more: Partial<ServiceTaskView> = {},
): ServiceTaskView => ({
  id,
  instanceId,
  availabilityZone: zone,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  deployment: 'p',
  createdAt: 100,
  ...more,
})

const cases: {
  name: string
  tasks: ServiceTaskView[]
  count: number
  strategies?: { type: 'random' | 'spread' | 'binpack'; field?: string }[]
  want: string[]
}[] = [
  {
    name: 'default: from the zone with the most tasks, then the fullest instance of it (ties by id)',
    tasks: [
      task('a1', 'i1', 'z1'),
      task('b1', 'i2', 'z2'),
      task('b2', 'i2', 'z2'),
      task('b3', 'i3', 'z2'),
    ],
    count: 1,
    want: ['b1'],
  },
  {
    name: 'default: the zones are balanced as tasks go',
    tasks: [
      task('a1', 'i1', 'z1'),
      task('a2', 'i1', 'z1'),
      task('b1', 'i2', 'z2'),
      task('b2', 'i2', 'z2'),
      task('b3', 'i3', 'z2'),
      task('b4', 'i3', 'z2'),
    ],
    count: 3,
    want: ['b1', 'b3', 'a1'],
  },
  {
    name: 'tasks of an older deployment go first',
    tasks: [
      task('a1', 'i1', 'z1'),
      task('a2', 'i1', 'z1'),
      task('o1', 'i2', 'z2', { deployment: 'old' }),
    ],
    count: 1,
    want: ['o1'],
  },
  {
    name: 'ties: a PENDING task before a RUNNING one, then the newest',
    tasks: [
      task('r1', 'i1', 'z1', { createdAt: 300 }),
      task('p1', 'i2', 'z1', { lastStatus: 'PENDING', createdAt: 100 }),
      task('r2', 'i3', 'z1', { createdAt: 200 }),
    ],
    count: 2,
    want: ['p1', 'r1'],
  },
  {
    name: 'binpack(memory): from the instance that will have the most memory left',
    tasks: [
      task('a1', 'i1', 'z1', {
        instanceRemaining: { cpu: 0, memory: 100 },
        holds: { cpu: 0, memory: 64 },
      }),
      task('b1', 'i2', 'z1', {
        instanceRemaining: { cpu: 0, memory: 900 },
        holds: { cpu: 0, memory: 64 },
      }),
    ],
    count: 1,
    strategies: [{ type: 'binpack', field: 'memory' }],
    want: ['b1'],
  },
]

for (const c of cases)
  t.test(c.name, t => {
    t.same(pickScaleIn(c.tasks, c.count, c.strategies ?? [], 'p'), c.want)
    t.end()
  })
