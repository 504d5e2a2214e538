import t from 'tap'
import { backoffDelay } from '../../src/channel/backoff.js'

t.test('back-off doubles to a ceiling, with jitter between 0.5x and 1.5x', t => {
  const rows: [attempt: number, random: number, delay: number][] = [
    [0, 0.5, 100],
    [1, 0.5, 200],
    [3, 0.5, 800],
    [10, 0.5, 1000],
    [100, 0.5, 1000],
    [0, 0, 50],
    [0, 0.999, 150],
  ]
  for (const [attempt, random, delay] of rows)
    t.equal(
      backoffDelay(attempt, 100, 1000, () => random),
      delay,
      `attempt ${String(attempt)}`,
    )
  const d = backoffDelay(0, 100, 1000)
  t.ok(d >= 50 && d <= 150, 'Math.random by default')
  t.end()
})
