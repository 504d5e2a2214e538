import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  defaultCredentials,
  loadCredentials,
  parseCredentials,
  roleCredential,
} from '../../src/auth/credentials.js'
import { evaluate } from '../../src/auth/policy.js'

t.test('parses a credentials file, defaulting the account', t => {
  const set = parseCredentials(
    JSON.stringify([
      { accessKeyId: 'a', secretAccessKey: 's' },
      { accessKeyId: 'b', secretAccessKey: 't', accountId: '111111111111' },
    ]),
    '000000000000',
    'f',
  )
  t.same(set.get('a'), {
    accessKeyId: 'a',
    secretAccessKey: 's',
    accountId: '000000000000',
    principalArn: 'arn:aws:iam::000000000000:root',
  })
  t.equal(set.get('b')?.accountId, '111111111111')
  t.same(
    [...defaultCredentials('222222222222').values()],
    [
      {
        accessKeyId: 'test',
        secretAccessKey: 'test',
        accountId: '222222222222',
        principalArn: 'arn:aws:iam::222222222222:root',
      },
    ],
  )
  t.end()
})

t.test('refuses bad files with a message naming the problem', t => {
  const bad: [string, RegExp][] = [
    ['not json', /not JSON/],
    ['{}', /non-empty JSON array/],
    ['[]', /non-empty JSON array/],
    ['[1]', /\[0\]: needs string/],
    ['[{"accessKeyId":"a","secretAccessKey":""}]', /needs string/],
    ['[{"accessKeyId":"a","secretAccessKey":"s","accountId":"12"}]', /12 digits/],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s"},{"accessKeyId":"a","secretAccessKey":"t"}]',
      /duplicate/,
    ],
    ['[{"accessKeyId":"a","secretAccessKey":"s","user":"a b"}]', /\[0\]: user must be/],
    ['[{"accessKeyId":"a","secretAccessKey":"s","policy":"root"}]', /"root" is not a built-in/],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s","policy":{"Statement":[]}}]',
      /\[0\]\.policy\.Statement/,
    ],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s","policy":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}}}]',
      /creds\.json\[0\]\.policy\.Statement\[0\]: Condition is not supported/,
    ],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s","roleArn":"arn:aws:iam::111111111111:role/app"}]',
      /\[0\]\.roleArn: must be a role ARN of account 000000000000/,
    ],
    ['[{"accessKeyId":"a","secretAccessKey":"s","roleArn":7}]', /\[0\]\.roleArn: must be/],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s","roleArn":"arn:aws:iam::000000000000:user/app"}]',
      /\[0\]\.roleArn: must be/,
    ],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s","roleArn":"arn:aws:iam::000000000000:role/app"},{"accessKeyId":"b","secretAccessKey":"s","roleArn":"arn:aws:iam::000000000000:role/app"}]',
      /\[1\]\.roleArn: arn:aws:iam::000000000000:role\/app has a key already/,
    ],
  ]
  for (const [text, message] of bad) {
    t.throws(
      () => parseCredentials(text, '000000000000', 'creds.json'),
      { code: 'ECS_SRV_CONFIG', message },
      text,
    )
  }
  t.end()
})

t.test(
  'an entry with roleArn is the key of that role, acting as the role unless it names a user',
  t => {
    const role = 'arn:aws:iam::111111111111:role/app'
    const set = parseCredentials(
      JSON.stringify([
        { accessKeyId: 'a', secretAccessKey: 's' },
        { accessKeyId: 'r', secretAccessKey: 't', accountId: '111111111111', roleArn: role },
        {
          accessKeyId: 'u',
          secretAccessKey: 'v',
          user: 'ops',
          roleArn: 'arn:aws:iam::000000000000:role/path/ops',
        },
      ]),
      '000000000000',
      'f',
    )
    t.same(set.get('r'), {
      accessKeyId: 'r',
      secretAccessKey: 't',
      accountId: '111111111111',
      principalArn: role,
      roleArn: role,
    })
    t.equal(roleCredential(set, role)?.accessKeyId, 'r')
    t.equal(set.get('u')?.principalArn, 'arn:aws:iam::000000000000:user/ops')
    t.equal(roleCredential(set, 'arn:aws:iam::000000000000:role/path/ops')?.accessKeyId, 'u')
    t.equal(roleCredential(set, 'arn:aws:iam::111111111111:role/other'), undefined)
    t.end()
  },
)

t.test('loads from a file', async t => {
  const dir = t.testdir()
  const path = join(dir, 'creds.json')
  writeFileSync(path, JSON.stringify([{ accessKeyId: 'k', secretAccessKey: 's' }]))
  t.equal((await loadCredentials(path, '000000000000')).get('k')?.secretAccessKey, 's')
  await t.rejects(loadCredentials(join(dir, 'missing.json'), '000000000000'), {
    code: 'ECS_SRV_CONFIG',
    message: /cannot read/,
  })
  t.end()
})

t.test('entries may name a user and carry a policy, compiled at load', t => {
  const set = parseCredentials(
    JSON.stringify([
      { accessKeyId: 'h', secretAccessKey: 's', user: 'host-1', policy: 'agent' },
      { accessKeyId: 'x', secretAccessKey: 's', policy: 'admin' },
      {
        accessKeyId: 'r',
        secretAccessKey: 's',
        policy: { Statement: [{ Effect: 'Allow', Action: 'ecs:List*', Resource: '*' }] },
      },
    ]),
    '000000000000',
    'f',
  )
  const host = set.get('h')
  t.equal(host?.principalArn, 'arn:aws:iam::000000000000:user/host-1')
  t.ok(host?.policy && evaluate(host.policy, 'ecs:SubmitTaskStateChange', '*') === 'allow')
  t.equal(host?.policy && evaluate(host.policy, 'ecs:RunTask', '*'), 'implicit-deny')
  const admin = set.get('x')
  t.equal(
    admin?.policy && evaluate(admin.policy, 'ecs:DeleteCluster', 'arn:aws:ecs:r:1:cluster/c'),
    'allow',
  )
  const reader = set.get('r')
  t.equal(reader?.policy && evaluate(reader.policy, 'ecs:ListTasks', '*'), 'allow')
  t.equal(reader?.policy && evaluate(reader.policy, 'ecs:StopTask', '*'), 'implicit-deny')
  t.end()
})
