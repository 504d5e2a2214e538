import t from 'tap'
import {
  checkAdvertiseUrl,
  chooseEndpoint,
  isWildcardHost,
  ownEndpoint,
  REBALANCE_MARGIN,
  type ReplicaRecord,
} from '../../src/channel/poll-endpoint.js'

t.test('ownEndpoint: the advertised URL, else the Host the agent used, never a wildcard', t => {
  const cases: {
    name: string
    given: { advertiseUrl?: string; listenerUrl: string; host?: string }
    want: string
  }[] = [
    {
      name: 'bound to all interfaces, reached at a host address: that address',
      given: { listenerUrl: 'http://0.0.0.0:4100', host: '10.231.1.1:4100' },
      want: 'http://10.231.1.1:4100/',
    },
    {
      name: 'the advertised URL wins over the Host header',
      given: {
        advertiseUrl: 'https://ecs.example.test',
        listenerUrl: 'http://0.0.0.0:4100',
        host: '10.231.1.1:4100',
      },
      want: 'https://ecs.example.test/',
    },
    {
      name: 'the advertised URL keeps its path, with a trailing slash',
      given: { advertiseUrl: 'http://proxy.test:80/quayside', listenerUrl: 'http://0.0.0.0:1' },
      want: 'http://proxy.test:80/quayside/',
    },
    {
      name: 'a name in the Host header is kept (DNS, TLS names)',
      given: { listenerUrl: 'https://0.0.0.0:4100', host: 'quayside.internal:4100' },
      want: 'https://quayside.internal:4100/',
    },
    {
      name: 'the scheme is the listener’s',
      given: { listenerUrl: 'https://[::]:4100', host: '[fd00::5]:4100' },
      want: 'https://[fd00::5]:4100/',
    },
    {
      name: 'no Host header: the listener',
      given: { listenerUrl: 'http://127.0.0.1:4100' },
      want: 'http://127.0.0.1:4100/',
    },
    {
      name: 'no Host header and a wildcard listener: loopback, not 0.0.0.0',
      given: { listenerUrl: 'http://0.0.0.0:4100' },
      want: 'http://127.0.0.1:4100/',
    },
    {
      name: 'an IPv6 wildcard listener: IPv6 loopback',
      given: { listenerUrl: 'http://[::]:4100' },
      want: 'http://[::1]:4100/',
    },
    {
      name: 'a Host header that is itself a wildcard: loopback',
      given: { listenerUrl: 'http://0.0.0.0:4100', host: '0.0.0.0:4100' },
      want: 'http://127.0.0.1:4100/',
    },
    {
      name: 'a Host header with a path or credentials is not used',
      given: { listenerUrl: 'http://10.0.0.1:4100', host: 'evil.test/x@y' },
      want: 'http://10.0.0.1:4100/',
    },
    {
      name: 'an empty Host header is not used',
      given: { listenerUrl: 'http://10.0.0.1:4100', host: '' },
      want: 'http://10.0.0.1:4100/',
    },
  ]
  for (const { name, given, want } of cases) t.equal(ownEndpoint(given), want, name)
  t.end()
})

t.test('isWildcardHost', t => {
  const cases: { given: string; want: boolean }[] = [
    { given: '0.0.0.0', want: true },
    { given: '[::]', want: true },
    { given: '::', want: true },
    { given: '127.0.0.1', want: false },
    { given: '10.231.1.1', want: false },
    { given: '[::1]', want: false },
    { given: 'localhost', want: false },
  ]
  for (const { given, want } of cases) t.equal(isWildcardHost(given), want, given)
  t.end()
})

t.test('checkAdvertiseUrl', t => {
  const cases: { given: string | undefined; want: RegExp | undefined }[] = [
    { given: undefined, want: undefined },
    { given: 'http://10.0.0.1:4100', want: undefined },
    { given: 'https://ecs.example.test/base', want: undefined },
    { given: 'not a url', want: /is not a URL/ },
    { given: 'ftp://10.0.0.1', want: /not an http\(s\) URL/ },
    { given: 'http://user:pw@10.0.0.1', want: /credentials, a query or a fragment/ },
    { given: 'http://10.0.0.1/?a=1', want: /credentials, a query or a fragment/ },
    { given: 'http://0.0.0.0:4100', want: /wildcard/ },
    { given: 'http://[::]:4100', want: /wildcard/ },
  ]
  for (const { given, want } of cases) {
    const got = checkAdvertiseUrl(given)
    if (want === undefined) t.equal(got, undefined, String(given))
    else t.match(got, want, String(given))
  }
  t.end()
})

t.test('chooseEndpoint: the answering replica unless a fresh one is clearly less loaded', t => {
  const now = 1_000_000
  const freshMs = 1500
  const self = { id: 'a', url: 'http://10.0.0.1:4100/', agents: 5 }
  const replica = (over: Partial<ReplicaRecord>): ReplicaRecord => ({
    id: 'b',
    url: 'http://10.0.0.2:4100',
    agents: 0,
    beatAt: now,
    ...over,
  })
  const cases: { name: string; replicas: ReplicaRecord[]; want: string }[] = [
    { name: 'alone: itself', replicas: [], want: self.url },
    {
      name: 'its own record is not another replica',
      replicas: [replica({ id: 'a', agents: 0 })],
      want: self.url,
    },
    {
      name: 'a fresh, clearly less loaded replica with a URL',
      replicas: [replica({ agents: 5 - REBALANCE_MARGIN })],
      want: 'http://10.0.0.2:4100/',
    },
    {
      name: 'within the margin: itself (no flapping between equals)',
      replicas: [replica({ agents: 5 - REBALANCE_MARGIN + 1 })],
      want: self.url,
    },
    {
      name: 'a replica that stopped beating is not named (it may have died)',
      replicas: [replica({ beatAt: now - freshMs - 1 })],
      want: self.url,
    },
    {
      name: 'a replica without an advertised URL cannot be named',
      replicas: [replica({ url: undefined })],
      want: self.url,
    },
    {
      name: 'the least loaded of several',
      replicas: [
        replica({ id: 'b', agents: 2 }),
        replica({ id: 'c', url: 'http://10.0.0.3:4100/', agents: 1 }),
        replica({ id: 'd', url: 'http://10.0.0.4:4100/', agents: 3 }),
      ],
      want: 'http://10.0.0.3:4100/',
    },
  ]
  for (const { name, replicas, want } of cases)
    t.equal(chooseEndpoint({ self, replicas, now, freshMs }), want, name)
  t.end()
})
