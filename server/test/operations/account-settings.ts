import {
  DeleteAccountSettingCommand,
  InvalidParameterException,
  ListAccountSettingsCommand,
  PutAccountSettingCommand,
  PutAccountSettingDefaultCommand,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { client, testServer } from '../fixtures/server.js'

const root = 'arn:aws:iam::000000000000:root'
const user = 'arn:aws:iam::000000000000:user/alice'

t.test('principal settings, account defaults and built-in defaults', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  t.same((await ecs.send(new ListAccountSettingsCommand({}))).settings, [], 'nothing set yet')
  const effective = await ecs.send(
    new ListAccountSettingsCommand({ effectiveSettings: true, name: 'containerInsights' }),
  )
  t.same(effective.settings, [
    { name: 'containerInsights', value: 'disabled', principalArn: root, type: 'aws_managed' },
  ])

  const def = await ecs.send(
    new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enabled' }),
  )
  t.same(def.setting, {
    name: 'containerInsights',
    value: 'enabled',
    principalArn: root,
    type: 'user',
  })
  const mine = await ecs.send(
    new PutAccountSettingCommand({
      name: 'containerInsights',
      value: 'enhanced',
      principalArn: user,
    }),
  )
  t.equal(mine.setting?.principalArn, user)
  const forUser = await ecs.send(
    new ListAccountSettingsCommand({
      principalArn: user,
      effectiveSettings: true,
      name: 'containerInsights',
    }),
  )
  t.equal(forUser.settings?.[0]?.value, 'enhanced')
  const forRoot = await ecs.send(new ListAccountSettingsCommand({ name: 'containerInsights' }))
  t.equal(forRoot.settings?.[0]?.value, 'enabled', 'the caller (root) sees the account default')
  const filtered = await ecs.send(
    new ListAccountSettingsCommand({ value: 'enabled', effectiveSettings: true }),
  )
  t.ok(filtered.settings?.every(s => s.value === 'enabled'))

  const deleted = await ecs.send(
    new DeleteAccountSettingCommand({ name: 'containerInsights', principalArn: user }),
  )
  t.equal(deleted.setting?.value, 'enhanced')
  const fallback = await ecs.send(
    new ListAccountSettingsCommand({
      principalArn: user,
      effectiveSettings: true,
      name: 'containerInsights',
    }),
  )
  t.equal(fallback.settings?.[0]?.value, 'enabled', 'back to the account default')
  const nothing = await ecs.send(new DeleteAccountSettingCommand({ name: 'awsvpcTrunking' }))
  t.equal(nothing.setting?.value, 'disabled')

  const names: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(
      new ListAccountSettingsCommand({ effectiveSettings: true, maxResults: 4, nextToken }),
    )
    t.ok((page.settings?.length ?? 0) <= 4)
    names.push(...(page.settings ?? []).map(s => s.name!))
    nextToken = page.nextToken
  } while (nextToken)
  t.equal(names.length, 11)
  t.same(names, [...names].sort())
})

t.test("ECS's value rules", async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await t.rejects(
    ecs.send(new PutAccountSettingCommand({ name: 'taskLongArnFormat', value: 'disabled' })),
    InvalidParameterException,
  )
  await t.rejects(
    ecs.send(new PutAccountSettingCommand({ name: 'fargateFIPSMode', value: 'enabled' })),
    InvalidParameterException,
  )
  const ok = await ecs.send(
    new PutAccountSettingDefaultCommand({ name: 'fargateTaskRetirementWaitPeriod', value: '14' }),
  )
  t.equal(ok.setting?.value, '14')
  await t.rejects(
    ecs.send(new ListAccountSettingsCommand({ maxResults: 11 })),
    InvalidParameterException,
  )
})
