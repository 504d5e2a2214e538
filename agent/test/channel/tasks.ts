import t from 'tap'
import { applyOverride, engineTask } from '../../src/channel/tasks.js'
import type { TaskDefinition } from '../../src/task-definition.js'

t.test('overrides: command, environment (by name), cpu and memory', t => {
  const base = {
    name: 'web',
    image: 'i',
    command: ['a'],
    environment: [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ],
  }
  t.equal(applyOverride(base, undefined), base)
  t.same(applyOverride(base, { name: 'web' }), base)
  t.same(
    applyOverride(base, {
      command: ['b'],
      environment: [{ name: 'B', value: '3' }],
      cpu: 10,
      memory: 20,
      memoryReservation: 5,
    }),
    {
      ...base,
      command: ['b'],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '3' },
      ],
      cpu: 10,
      memory: 20,
      memoryReservation: 5,
    },
  )
  t.same(applyOverride({ name: 'x' }, { environment: [{ name: 'A', value: '1' }] }).environment, [
    { name: 'A', value: '1' },
  ])
  t.end()
})

t.test('engine task: the definition with the overrides of its containers', t => {
  const definition: TaskDefinition = {
    family: 'f',
    revision: 1,
    containerDefinitions: [
      { name: 'a', image: 'i' },
      { name: 'b', image: 'i' },
    ],
  }
  const task = engineTask(
    {
      taskArn: 'arn',
      taskDefinitionArn: 'd',
      desiredStatus: 'RUNNING',
      overrides: { containerOverrides: [{ name: 'b', command: ['x'] }] },
    },
    definition,
    'default',
  )
  t.equal(task.cluster, 'default')
  t.same(task.definition.containerDefinitions[0], { name: 'a', image: 'i' })
  t.same(task.definition.containerDefinitions[1], { name: 'b', image: 'i', command: ['x'] })
  const plain = engineTask(
    { taskArn: 'arn', taskDefinitionArn: 'd', clusterArn: 'arn:c', desiredStatus: 'STOPPED' },
    definition,
    'default',
  )
  t.equal(plain.cluster, 'arn:c')
  t.equal(plain.desiredStatus, 'STOPPED')
  t.equal(plain.tags, undefined)
  t.equal(plain.definition.taskRoleArn, undefined)
  t.end()
})

t.test(
  'engine task: the taskRoleArn of RunTask wins over the one of the definition; tags are kept',
  t => {
    const definition: TaskDefinition = {
      family: 'f',
      revision: 1,
      taskRoleArn: 'arn:aws:iam::000000000000:role/def',
      containerDefinitions: [{ name: 'a', image: 'i' }],
    }
    const rows = [
      { given: {}, want: 'arn:aws:iam::000000000000:role/def' },
      {
        given: { overrides: { taskRoleArn: 'arn:aws:iam::000000000000:role/run' } },
        want: 'arn:aws:iam::000000000000:role/run',
      },
    ]
    for (const { given, want } of rows) {
      const task = engineTask(
        { taskArn: 'arn', taskDefinitionArn: 'd', desiredStatus: 'RUNNING', ...given },
        definition,
        'default',
      )
      t.equal(task.definition.taskRoleArn, want)
    }
    const tagged = engineTask(
      {
        taskArn: 'arn',
        taskDefinitionArn: 'd',
        desiredStatus: 'RUNNING',
        tags: [{ key: 'k', value: 'v' }],
      },
      definition,
      'default',
    )
    t.same(tagged.tags, [{ key: 'k', value: 'v' }])
    t.end()
  },
)
