import t from 'tap'
import {
  CONTAINER_STATUSES,
  atLeast,
  backendStatus,
  later,
  nextProgression,
  rank,
} from '../../src/engine/status.js'

t.test('statuses are ordered NONE < PULLED < CREATED < RUNNING < STOPPED', t => {
  t.same(CONTAINER_STATUSES, ['NONE', 'PULLED', 'CREATED', 'RUNNING', 'STOPPED'])
  t.same(CONTAINER_STATUSES.map(rank), [0, 1, 2, 3, 4])
  t.ok(atLeast('RUNNING', 'CREATED'))
  t.ok(atLeast('CREATED', 'CREATED'))
  t.notOk(atLeast('PULLED', 'CREATED'))
  t.equal(later('RUNNING', 'CREATED'), 'RUNNING')
  t.equal(later('CREATED', 'STOPPED'), 'STOPPED')
  t.end()
})

t.test('progression moves one step and stays at STOPPED', t => {
  t.same(CONTAINER_STATUSES.map(nextProgression), [
    'PULLED',
    'CREATED',
    'RUNNING',
    'STOPPED',
    'STOPPED',
  ])
  t.end()
})

t.test('the backend sees PENDING until RUNNING', t => {
  t.same(CONTAINER_STATUSES.map(backendStatus), [
    'PENDING',
    'PENDING',
    'PENDING',
    'RUNNING',
    'STOPPED',
  ])
  t.end()
})
