import t from 'tap'
import { EVENT_FILTER, jsonLines, parseDockerEvent } from '../../src/docker/docker-events.js'

const actor = {
  ID: 'c1',
  Attributes: { 'com.amazonaws.ecs.task-arn': 'arn:t', exitCode: '3', name: 'n' },
}

t.test('container events become runtime events', t => {
  t.same(
    parseDockerEvent({
      Type: 'container',
      Action: 'die',
      Actor: actor,
      timeNano: 1_700_000_000_123 * 1e6 + 456_789,
    }),
    {
      type: 'container',
      action: 'die',
      id: 'c1',
      labels: actor.Attributes,
      exitCode: 3,
      time: new Date(1_700_000_000_123),
    },
  )
  for (const action of ['create', 'start', 'oom', 'destroy'] as const) {
    t.same(parseDockerEvent({ Type: 'container', Action: action, Actor: { ID: 'c1' }, time: 10 }), {
      type: 'container',
      action,
      id: 'c1',
      labels: {},
      time: new Date(10_000),
    })
  }
  const die = parseDockerEvent({
    Type: 'container',
    Action: 'die',
    Actor: { ID: 'c1', Attributes: { exitCode: 'x' } },
  })
  t.notOk(die && 'exitCode' in die, 'an unreadable exit code is left out')
  t.equal(die?.time.getTime(), 0)
  t.end()
})

t.test('health status events carry the health', t => {
  for (const health of ['healthy', 'unhealthy', 'starting'] as const) {
    const event = parseDockerEvent({
      Type: 'container',
      Action: `health_status: ${health}`,
      Actor: { ID: 'c1', Attributes: null },
    })
    t.same(event && event.type === 'container' ? [event.action, event.health] : [], [
      'health',
      health,
    ])
  }
  t.equal(
    parseDockerEvent({ Type: 'container', Action: 'health_status: confused', Actor: { ID: 'c1' } }),
    undefined,
  )
  t.end()
})

t.test('events the agent does not use are dropped', t => {
  t.equal(parseDockerEvent({ Type: 'network', Action: 'connect', Actor: { ID: 'n' } }), undefined)
  t.equal(
    parseDockerEvent({ Type: 'container', Action: 'exec_start: sh', Actor: { ID: 'c' } }),
    undefined,
  )
  t.equal(parseDockerEvent({ Type: 'container', Action: 'die' }), undefined)
  t.equal(parseDockerEvent({}), undefined)
  t.same(EVENT_FILTER, ['create', 'start', 'die', 'oom', 'destroy', 'health_status'])
  t.end()
})

t.test('jsonLines splits chunks on newlines and skips junk', async t => {
  async function* chunks() {
    await Promise.resolve()
    yield Buffer.from('{"a":1}\n{"b"')
    yield ':2}\n\n  \nnot json\n'
    yield Buffer.from('{"c":3}')
  }
  const got: unknown[] = []
  for await (const value of jsonLines(chunks())) got.push(value)
  t.same(got, [{ a: 1 }, { b: 2 }, { c: 3 }])
  async function* torn() {
    await Promise.resolve()
    yield '{"a":1}\n{"tor'
  }
  const rest: unknown[] = []
  for await (const value of jsonLines(torn())) rest.push(value)
  t.same(rest, [{ a: 1 }], 'a torn last line is dropped')
})
