import t from 'tap'
import { parseTaskCpu, parseTaskMemory } from '../../src/task-definitions/index.js'

t.test('task cpu', t => {
  const cases: [string, number | undefined][] = [
    ['1024', 1024],
    [' 256 ', 256],
    ['1 vCPU', 1024],
    ['1vcpu', 1024],
    ['0.25 vCPU', 256],
    ['0.5 VCPU', 512],
    ['16 vCPU', 16_384],
    ['0.1 vCPU', undefined],
    ['1.5', undefined],
    ['1 GB', undefined],
    ['', undefined],
    ['-1', undefined],
    ['vCPU', undefined],
  ]
  for (const [given, want] of cases) t.equal(parseTaskCpu(given), want, JSON.stringify(given))
  t.end()
})

t.test('task memory', t => {
  const cases: [string, number | undefined][] = [
    ['2048', 2048],
    ['1GB', 1024],
    ['1 GB', 1024],
    ['0.5gb', 512],
    ['30 GB', 30_720],
    ['0.3 GB', undefined],
    ['512 MiB', undefined],
    ['512MB', undefined],
    ['1 vCPU', undefined],
  ]
  for (const [given, want] of cases) t.equal(parseTaskMemory(given), want, JSON.stringify(given))
  t.end()
})
