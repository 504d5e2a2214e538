import t from 'tap'
import { BUILTIN_POLICIES, isBuiltinPolicy } from '../../src/auth/builtin-policies.js'
import { compilePolicy, evaluate, type Decision } from '../../src/auth/policy.js'

const P = 'arn:aws:ecs:us-east-1:000000000000:'
const TASK = `${P}task/c/0123456789abcdef0123456789abcdef`
const INSTANCE = `${P}container-instance/c/0123456789abcdef0123456789abcdef`

t.test('the agent policy: what a container instance needs and nothing to run or read tasks', t => {
  const agent = compilePolicy(BUILTIN_POLICIES.agent)
  const cases: [string, string, Decision][] = [
    ['ecs:RegisterContainerInstance', `${P}cluster/c`, 'allow'],
    ['ecs:DeregisterContainerInstance', `${P}cluster/c`, 'allow'],
    ['ecs:CreateCluster', '*', 'allow'],
    ['ecs:DiscoverPollEndpoint', '*', 'allow'],
    ['ecs:Poll', `${P}cluster/c`, 'allow'],
    ['ecs:SubmitTaskStateChange', `${P}cluster/c`, 'allow'],
    ['ecs:SubmitContainerStateChange', `${P}cluster/c`, 'allow'],
    ['ecs:SubmitAttachmentStateChanges', `${P}cluster/c`, 'allow'],
    ['ecs:UpdateContainerInstancesState', INSTANCE, 'allow'],
    ['ecs:DescribeTaskDefinition', `${P}task-definition/web:1`, 'allow'],
    ['ecs:TagResource', INSTANCE, 'allow'],
    ['logs:PutLogEvents', '*', 'allow'],
    ['ecs:TagResource', `${P}cluster/c`, 'implicit-deny'],
    ['ecs:RunTask', `${P}task-definition/web:1`, 'implicit-deny'],
    ['ecs:StartTask', `${P}task-definition/web:1`, 'implicit-deny'],
    ['ecs:StopTask', TASK, 'implicit-deny'],
    ['ecs:DescribeTasks', TASK, 'implicit-deny'],
    ['ecs:ListTasks', `${P}cluster/c`, 'implicit-deny'],
    ['ecs:DescribeContainerInstances', INSTANCE, 'implicit-deny'],
    ['ecs:UpdateService', `${P}service/c/s`, 'implicit-deny'],
    ['ecs:RegisterTaskDefinition', '*', 'implicit-deny'],
    ['ecs:DeleteCluster', `${P}cluster/c`, 'implicit-deny'],
  ]
  for (const [action, resource, want] of cases)
    t.equal(evaluate(agent, action, resource), want, `${action} ${resource}`)
  t.end()
})

t.test('the admin policy allows everything; the names are the two built-ins', t => {
  const admin = compilePolicy(BUILTIN_POLICIES.admin)
  t.equal(evaluate(admin, 'ecs:DeleteCluster', `${P}cluster/c`), 'allow')
  t.equal(evaluate(admin, 'logs:DeleteLogGroup', '*'), 'allow')
  t.same(
    ['agent', 'admin', 'Agent', 'root', 1].map(n => isBuiltinPolicy(n)),
    [true, true, false, false, false],
  )
  t.end()
})
