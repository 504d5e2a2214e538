import t from 'tap'
import {
  needsTaskGroups,
  parseConstraints,
  parseStrategies,
  ranksWholeCluster,
} from '../../src/scheduler/index.js'
import { harnessRequest } from '../../src/scheduler/harness.js'
import type { PlacementConstraint, PlacementStrategy } from '@quayside/openapi/types'

const cases: {
  name: string
  given: { constraints?: PlacementConstraint[]; strategies?: PlacementStrategy[] }
  want: { groups: boolean; whole: boolean }
}[] = [
  { name: 'nothing: a window, no groups', given: {}, want: { groups: false, whole: false } },
  {
    name: 'random alone',
    given: { strategies: [{ type: 'random' }] },
    want: { groups: false, whole: false },
  },
  {
    name: 'distinctInstance',
    given: { constraints: [{ type: 'distinctInstance' }] },
    want: { groups: true, whole: false },
  },
  {
    name: 'memberOf on task:group',
    given: { constraints: [{ type: 'memberOf', expression: 'task:group == family:db' }] },
    want: { groups: true, whole: false },
  },
  {
    name: 'memberOf on an attribute',
    given: { constraints: [{ type: 'memberOf', expression: 'attribute:x exists' }] },
    want: { groups: false, whole: false },
  },
  {
    name: 'spread',
    given: { strategies: [{ type: 'random' }, { type: 'spread', field: 'instanceId' }] },
    want: { groups: true, whole: true },
  },
  {
    name: 'binpack',
    given: { strategies: [{ type: 'binpack', field: 'cpu' }] },
    want: { groups: false, whole: true },
  },
]

for (const { name, given, want } of cases) {
  t.test(name, t => {
    const request = {
      ...harnessRequest(),
      constraints: parseConstraints(given.constraints ?? []),
      strategies: parseStrategies(given.strategies ?? []),
    }
    t.same({ groups: needsTaskGroups(request), whole: ranksWholeCluster(request) }, want)
    t.end()
  })
}
