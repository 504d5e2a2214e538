import t from 'tap'
import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { checkTable, definition, invalid } from './fixtures/definitions.js'

type Constraints = RegisterTaskDefinitionRequest['placementConstraints']
const constrained = (placementConstraints: Constraints) =>
  definition(placementConstraints === undefined ? {} : { placementConstraints })
const memberOf = (expression: string) => ({ type: 'memberOf' as const, expression })

t.test('task definition placement constraints', t => {
  checkTable(t, [
    ['none', { given: constrained(undefined), want: 'accepted' }],
    [
      'memberOf',
      { given: constrained([memberOf('attribute:ecs.instance-type =~ t2.*')]), want: 'accepted' },
    ],
    [
      'ten',
      {
        given: constrained(Array.from({ length: 10 }, () => memberOf('attribute:a exists'))),
        want: 'accepted',
      },
    ],
    [
      'eleven',
      {
        given: constrained(Array.from({ length: 11 }, () => memberOf('attribute:a exists'))),
        want: invalid('Too many placement constraints: at most 10 are allowed, found 11.'),
      },
    ],
    [
      'missing type',
      {
        given: constrained([{ expression: 'attribute:a exists' }]),
        want: invalid('Invalid placement constraint: task definitions support only type memberOf.'),
      },
    ],
    [
      'missing expression',
      {
        given: constrained([{ type: 'memberOf' }]),
        want: invalid('Invalid placement constraint: memberOf requires an expression.'),
      },
    ],
    [
      'blank expression',
      {
        given: constrained([memberOf('  ')]),
        want: invalid('Invalid placement constraint: memberOf requires an expression.'),
      },
    ],
    [
      'expression that does not parse',
      {
        given: constrained([memberOf('attribute:ecs.instance-type')]),
        want: invalid(
          'Invalid query expression at 28: expected an operator after "attribute:ecs.instance-type", found the end of the expression',
        ),
      },
    ],
  ])
  t.end()
})
