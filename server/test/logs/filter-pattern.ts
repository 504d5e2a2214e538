import t from 'tap'
import { isServiceError } from '../../src/errors.js'
import { compileFilterPattern } from '../../src/logs/filter-pattern.js'

const cases: { given: string; message: string; want: boolean }[] = [
  { given: '', message: 'anything', want: true },
  { given: 'ERROR', message: 'level ERROR here', want: true },
  { given: 'ERROR', message: 'level error here', want: false },
  { given: 'ERROR disk', message: 'ERROR: disk full', want: true },
  { given: 'ERROR disk', message: 'ERROR: net down', want: false },
  { given: '"disk full"', message: 'ERROR: disk full', want: true },
  { given: '"disk full"', message: 'full disk', want: false },
  { given: '?ERROR ?WARN', message: 'WARN low', want: true },
  { given: '?ERROR ?WARN', message: 'INFO ok', want: false },
  { given: 'ERROR -retry', message: 'ERROR will retry', want: false },
  { given: 'ERROR -retry', message: 'ERROR fatal', want: true },
  { given: '%ab+c%', message: 'xabbbcx', want: true },
  { given: '{ $.level = "error" }', message: '{"level":"error"}', want: true },
  { given: '{ $.level = "error" }', message: '{"level":"info"}', want: false },
  { given: '{ $.level = "error" }', message: 'level=error', want: false },
  { given: '{ $.level = err* }', message: '{"level":"error"}', want: true },
  { given: '{ $.level != "error" }', message: '{"level":"info"}', want: true },
  { given: '{ $.level != "error" }', message: '{"other":1}', want: false },
  { given: '{ $.latency > 100 }', message: '{"latency":150}', want: true },
  { given: '{ $.latency > 100 }', message: '{"latency":50}', want: false },
  { given: '{ $.latency <= 50 }', message: '{"latency":50}', want: true },
  { given: '{ $.code = 200 }', message: '{"code":200}', want: true },
  { given: '{ $.a.b[1] = "y" }', message: '{"a":{"b":["x","y"]}}', want: true },
  { given: '{ $.a = 1 && $.b = 2 }', message: '{"a":1,"b":3}', want: false },
  { given: '{ $.a = 1 || $.b = 2 }', message: '{"a":0,"b":2}', want: true },
  { given: '{ ($.a = 1 || $.a = 2) && $.ok IS TRUE }', message: '{"a":2,"ok":true}', want: true },
  { given: '{ $.gone NOT EXISTS }', message: '{"a":1}', want: true },
  { given: '{ $.v IS NULL }', message: '{"v":null}', want: true },
]

for (const { given, message, want } of cases)
  t.test(`${given} on ${message}`, t => {
    t.equal(compileFilterPattern(given)(message), want)
    t.end()
  })

const malformed = [
  '"unclosed',
  '{ $.level = "error"',
  '{ level = "error" }',
  '{ $.level = }',
  '{ $.latency > abc }',
  '{ $.a = 1 } extra',
  '[ip, user]',
  '? alone',
  '%[%',
  '{ $.a IS MAYBE }',
]
for (const given of malformed)
  t.test(`malformed: ${given}`, t => {
    try {
      compileFilterPattern(given)
      t.fail('compiled')
    } catch (error) {
      t.ok(isServiceError(error))
      if (isServiceError(error)) {
        t.equal(error.shapeName, 'InvalidParameterException')
        t.equal(error.httpStatus, 400)
      }
    }
    t.end()
  })
