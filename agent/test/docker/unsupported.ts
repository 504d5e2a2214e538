import type { LogDriver } from '@quayside/openapi/types'
import t from 'tap'
import { assertSupported, unsupportedOptions } from '../../src/docker/unsupported.js'
import { TaskUnsupportedError } from '../../src/errors.js'
import { containerDef, fakeTask } from '../fixtures/tasks.js'

t.test('a plain task is supported; json-file and none logging too', t => {
  const task = fakeTask(
    [
      containerDef('a', {
        logConfiguration: { logDriver: 'json-file', options: { 'max-size': '1m' } },
      }),
      containerDef('b', {
        // not in the spec's LogDriver enum, but Docker's and the ECS agent's
        logConfiguration: { logDriver: 'none' as unknown as LogDriver },
        secrets: [],
        restartPolicy: { enabled: false },
      }),
    ],
    { executionRoleArn: 'arn:aws:iam::000000000000:role/exec', inferenceAccelerators: [] },
  )
  t.same(unsupportedOptions(task), [])
  t.doesNotThrow(() => {
    assertSupported(task)
  })
  t.end()
})

t.test('every option quayside cannot honour is named, all at once', t => {
  const task = fakeTask(
    [
      containerDef('web', {
        secrets: [{ name: 'A', valueFrom: 'arn' }],
        environmentFiles: [{ type: 's3', value: 'arn' }],
        repositoryCredentials: { credentialsParameter: 'arn' },
        firelensConfiguration: { type: 'fluentbit' },
        resourceRequirements: [{ type: 'GPU', value: '1' }],
        restartPolicy: { enabled: true, ignoredExitCodes: [0] },
        credentialSpecs: ['x'],
        logConfiguration: {
          logDriver: 'splunk',
          secretOptions: [{ name: 'x', valueFrom: 'arn' }],
        },
      }),
    ],
    {
      networkMode: 'awsvpc',
      pidMode: 'task',
      ipcMode: 'task',
      taskRoleArn: 'arn:aws:iam::000000000000:role/task',
      proxyConfiguration: { containerName: 'envoy' },
      inferenceAccelerators: [{ deviceName: 'x', deviceType: 'eia2.medium' }],
    },
  )
  const problems = unsupportedOptions(task)
  t.equal(problems.length, 11)
  t.notMatch(problems.join('\n'), /secrets \(|repositoryCredentials/, 'secrets are resolved')
  t.notMatch(problems.join('\n'), /restartPolicy/, 'the restart policy is honoured')
  t.notMatch(problems.join('\n'), /taskRoleArn/, 'a task role is served (../task-endpoint/)')
  t.match(problems[0], /awsvpc/)
  t.match(
    problems.join('\n'),
    /container web: log driver splunk is not supported \(use json-file, none or awslogs\)/,
  )
  t.throws(() => {
    assertSupported(task)
  }, TaskUnsupportedError)
  try {
    assertSupported(task)
  } catch (error) {
    t.match((error as TaskUnsupportedError).reason, /^TaskUnsupportedError: networkMode awsvpc/)
  }
  t.end()
})
