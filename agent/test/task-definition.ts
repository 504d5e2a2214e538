import type { TaskDefinition } from '@quayside/openapi/types'
import t from 'tap'
import { runnableDefinition, taskIdOf } from '../src/task-definition.js'

t.test('a described definition runs once it has what a registered one always has', t => {
  const containers = [{ name: 'web', image: 'i', essential: true }]
  const whole = { family: 'f', revision: 2, containerDefinitions: containers, cpu: '256' }
  t.strictSame(runnableDefinition(whole), whole)
  const rows: { given: TaskDefinition; want: RegExp }[] = [
    { given: { revision: 2, containerDefinitions: containers }, want: /no family/ },
    { given: { family: 'f', containerDefinitions: containers }, want: /revision/ },
    { given: { family: 'f', revision: 2 }, want: /containers/ },
    {
      given: { family: 'f', revision: 2, containerDefinitions: [{ image: 'i' }] },
      want: /^f:2 has a container without a name$/,
    },
  ]
  for (const { given, want } of rows)
    t.throws(() => runnableDefinition(given), { name: 'InvalidTaskError', message: want })
  t.end()
})

t.test('the task id is the last segment of its ARN', t => {
  t.equal(taskIdOf('arn:aws:ecs:us-east-1:000000000000:task/c/abc'), 'abc')
  t.equal(taskIdOf('abc'), 'abc')
  t.end()
})
