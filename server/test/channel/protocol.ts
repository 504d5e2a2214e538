import t from 'tap'
import { encodeFrame, encodePayload } from '../../src/channel/protocol.js'

t.test('a payload of tasks given as JSON reads as the same frame', t => {
  const tasks = [
    { taskArn: 'arn:1', desiredStatus: 'RUNNING' },
    { taskArn: 'a"b', tags: [] },
  ]
  const message = {
    messageId: 'id-"1"',
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/x',
    containerInstanceArn: 'arn:aws:ecs:us-east-1:000000000000:container-instance/x/1',
  }
  for (const full of [false, true]) {
    const text = encodePayload(
      { ...message, full },
      tasks.map(task => JSON.stringify(task)),
    )
    t.equal(text, encodeFrame({ type: 'PayloadMessage', message: { ...message, tasks, full } }))
  }
  t.same(JSON.parse(encodePayload({ ...message, full: true }, [])), {
    type: 'PayloadMessage',
    message: { ...message, tasks: [], full: true },
  })
  t.end()
})
