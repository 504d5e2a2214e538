import t from 'tap'
import { DEFAULT_ENGINE_CONFIG, engineConfig } from '../../src/engine/config.js'

t.test('defaults follow the ECS agent except where documented', t => {
  t.equal(DEFAULT_ENGINE_CONFIG.stopTimeoutSeconds, 30)
  t.equal(DEFAULT_ENGINE_CONFIG.cleanupDelayMs, 3 * 60 * 60 * 1000)
  t.equal(DEFAULT_ENGINE_CONFIG.pullBehavior, 'prefer-cached')
  t.equal(DEFAULT_ENGINE_CONFIG.executionEnv, 'AWS_ECS_EC2')
  t.same(engineConfig(), DEFAULT_ENGINE_CONFIG)
  t.equal(engineConfig({ stopTimeoutSeconds: 2 }).stopTimeoutSeconds, 2)
  t.equal(
    engineConfig({ stopTimeoutSeconds: 2 }).cleanupDelayMs,
    DEFAULT_ENGINE_CONFIG.cleanupDelayMs,
  )
  t.end()
})
