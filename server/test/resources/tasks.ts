import t from 'tap'
import { recordJson, type TaskRecord } from '../../src/resources/tasks.js'

t.test('a record built around its task JSON is the same document', t => {
  const record = {
    family: 'web',
    instanceId: 'abc',
    reserved: { cpu: 1, memory: 2, tcpPorts: [80], udpPorts: [] },
    protectedUntil: 12,
    task: { taskArn: 'arn:x', tags: [{ key: 'k', value: 'v"' }] },
  } as unknown as TaskRecord
  const text = recordJson(record, JSON.stringify(record.task))
  t.same(JSON.parse(text), record)
  t.end()
})
