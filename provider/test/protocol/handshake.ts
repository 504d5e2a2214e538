import t from 'tap'
import {
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  certificateLineValue,
  checkHandshake,
  handshakeLine,
} from '../../src/protocol/handshake.js'

const cookie = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE }

t.test('checkHandshake', t => {
  const cases: [string, NodeJS.ProcessEnv, object][] = [
    ['no cookie', {}, { ok: false, message: /is a Terraform plugin/ }],
    ['wrong cookie', { [MAGIC_COOKIE_KEY]: 'x' }, { ok: false }],
    [
      'only protocol 5',
      { ...cookie, PLUGIN_PROTOCOL_VERSIONS: '5' },
      { ok: false, message: /offered 5/ },
    ],
    [
      '6 among others, any order',
      { ...cookie, PLUGIN_PROTOCOL_VERSIONS: '6,5', PLUGIN_CLIENT_CERT: 'PEM' },
      { ok: true, clientCert: 'PEM' },
    ],
    ['no versions, no cert', { ...cookie }, { ok: true, clientCert: undefined }],
    [
      'empty cert',
      { ...cookie, PLUGIN_PROTOCOL_VERSIONS: '', PLUGIN_CLIENT_CERT: '' },
      { ok: true, clientCert: undefined },
    ],
  ]
  for (const [name, env, want] of cases) t.match(checkHandshake(env), want, name)
  t.end()
})

t.test('handshake line', t => {
  t.equal(handshakeLine('/tmp/s.sock', 'QUJD'), '1|6|unix|/tmp/s.sock|grpc|QUJD')
  t.equal(handshakeLine('/tmp/s.sock'), '1|6|unix|/tmp/s.sock|grpc')
  const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from('abcd').toString('base64')}\n-----END CERTIFICATE-----\n`
  t.equal(certificateLineValue(pem), 'YWJjZA', 'base64 of the DER without padding')
  t.end()
})
