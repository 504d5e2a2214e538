import t from 'tap'
import {
  DEFAULT_RESTART_ATTEMPT_PERIOD,
  restartDecision,
  restartPatch,
  restartPolicyOf,
  type ExitFacts,
} from '../../src/engine/restart-policy.js'
import type { DesiredStatus } from '../../src/engine/status.js'
import type { ContainerPatch, ContainerState } from '../../src/engine/task-state.js'
import { containerDef, containerState } from '../fixtures/tasks.js'

t.test('restartPolicyOf reads an enabled policy and fills the defaults', t => {
  t.equal(restartPolicyOf(containerDef('a')), undefined, 'none')
  t.equal(restartPolicyOf(containerDef('a', { restartPolicy: { enabled: false } })), undefined)
  t.same(restartPolicyOf(containerDef('a', { restartPolicy: { enabled: true } })), {
    ignoredExitCodes: [],
    attemptPeriodSeconds: DEFAULT_RESTART_ATTEMPT_PERIOD,
  })
  t.same(
    restartPolicyOf(
      containerDef('a', {
        restartPolicy: { enabled: true, ignoredExitCodes: [0, 1.5, 2], restartAttemptPeriod: 60 },
      }),
    ),
    { ignoredExitCodes: [0, 2], attemptPeriodSeconds: 60 },
  )
  t.equal(
    restartPolicyOf(
      containerDef('a', { restartPolicy: { enabled: true, restartAttemptPeriod: -1 } }),
    )?.attemptPeriodSeconds,
    DEFAULT_RESTART_ATTEMPT_PERIOD,
    'a negative period is not one',
  )
  t.end()
})

t.test('restartDecision, case by case', t => {
  const policy = { ignoredExitCodes: [0], attemptPeriodSeconds: 60 }
  const base: ExitFacts = {
    policy,
    desiredRunning: true,
    exitCode: 1,
    startedAt: new Date(0),
    now: new Date(60_000),
  }
  const rows: [string, Partial<ExitFacts>, boolean, RegExp][] = [
    ['ran exactly the attempt period, failed: restart', {}, true, /restart policy/],
    ['ran longer: restart', { now: new Date(3_600_000) }, true, /restart policy/],
    ['no policy: stop', { policy: undefined }, false, /no restart policy/],
    ['being stopped: stop', { desiredRunning: false }, false, /being stopped/],
    ['no exit code (removed): stop', { exitCode: undefined }, false, /no exit code/],
    ['an ignored exit code: stop', { exitCode: 0 }, false, /exit code 0 is ignored/],
    ['crashed too soon: stop', { now: new Date(59_999) }, false, /less than the attempt period/],
    ['start unknown: counts as too soon', { startedAt: undefined }, false, /ran 0 s/],
  ]
  for (const [why, facts, restart, reason] of rows) {
    const got = restartDecision({ ...base, ...facts })
    t.equal(got.restart, restart, why)
    t.match(got.why, reason, `${why}: the reason`)
  }
  t.end()
})

t.test('restartPatch: only an exit of a running container, as the policy allows', t => {
  const policy = { ignoredExitCodes: [], attemptPeriodSeconds: 0 }
  const running = containerState('app', {
    known: 'RUNNING',
    restartPolicy: policy,
    restartCount: 2,
  })
  const exit = {
    known: 'STOPPED' as const,
    exitCode: 1,
    startedAt: new Date(0),
    runtimeId: 'id',
    imageId: 'sha256:x',
  }
  const now = new Date(1000)
  const rows: [
    string,
    ContainerState,
    ContainerPatch,
    DesiredStatus,
    ContainerPatch | undefined,
  ][] = [
    [
      'an exit: back to CREATED, counted',
      running,
      exit,
      'RUNNING',
      {
        runtimeId: 'id',
        imageId: 'sha256:x',
        known: 'CREATED',
        exitCode: undefined,
        health: 'UNKNOWN',
        restartCount: 3,
      },
    ],
    ['not an exit', running, { known: 'RUNNING' }, 'RUNNING', undefined],
    ['not running before', { ...running, known: 'CREATED' }, exit, 'RUNNING', undefined],
    ['the task is stopping', running, exit, 'STOPPED', undefined],
    ['the container is stopping', { ...running, desired: 'STOPPED' }, exit, 'RUNNING', undefined],
    [
      'the start is taken from the container when the observation lacks it',
      { ...running, startedAt: new Date(0) },
      { known: 'STOPPED', exitCode: 1 },
      'RUNNING',
      { known: 'CREATED', exitCode: undefined, health: 'UNKNOWN', restartCount: 3 },
    ],
  ]
  for (const [why, container, observed, desired, want] of rows) {
    t.same(restartPatch(container, observed, desired, now), want, why)
  }
  t.end()
})
