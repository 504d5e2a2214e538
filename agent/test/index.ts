import t from 'tap'
import * as agent from '../src/index.js'

t.test('the package entry point exposes the engine, the runtime and the catalogue', t => {
  for (const name of [
    'TaskEngine',
    'TaskManager',
    'DockerodeRuntime',
    'containerConfig',
    'containerNextState',
    'networkBindings',
    'discoverTasks',
    'unsupportedOptions',
    'engineConfig',
    'isAgentError',
    'CannotPullContainerError',
    'TaskUnsupportedError',
    'taskIdOf',
  ]) {
    t.type((agent as Record<string, unknown>)[name], 'function', name)
  }
  t.equal(agent.TASK_ARN_LABEL, 'com.amazonaws.ecs.task-arn')
  t.equal(agent.taskIdOf('arn:aws:ecs:us-east-1:1:task/c/abc'), 'abc')
  t.equal(agent.DEFAULT_TIMEOUTS.pullMs, 2 * 60 * 60 * 1000)
  t.end()
})
