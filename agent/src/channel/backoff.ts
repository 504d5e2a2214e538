/**
 * The delay before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to `maxMs`,
 * times a jitter factor in [0.5, 1.5) drawn from `random`, so many agents do not reconnect in step.
 * Pure.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(plain * (0.5 + random()))
}
