import { createSocket } from 'node:dgram'
import { createServer, type Server } from 'node:net'
import t, { type Test } from 'tap'
import { findFreeRange, portFree } from '../../src/docker/host-ports.js'
import { CannotCreateContainerError } from '../../src/errors.js'

/** Holds a TCP port on every address until the test ends; returns it. */
async function hold(t: Test, port = 0): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>(resolve => server.listen({ port, host: '0.0.0.0' }, resolve))
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return (server.address() as { port: number }).port
}

t.test('portFree tells a taken port from a free one, tcp and udp', async t => {
  const taken = await hold(t)
  t.equal(await portFree(taken, 'tcp'), false)
  const udp = createSocket('udp4')
  await new Promise<void>(resolve => udp.bind(0, '0.0.0.0', resolve))
  t.teardown(
    () =>
      new Promise<void>(resolve =>
        udp.close(() => {
          resolve()
        }),
      ),
  )
  const udpPort = udp.address().port
  t.equal(await portFree(udpPort, 'udp'), false)
  // a port just released is free again (below the ephemeral range: nobody else takes it)
  const released = await window(t)
  t.equal(await portFree(released, 'tcp'), true)
  t.equal(await portFree(released, 'udp'), true)
})

/**
 * Five consecutive ports below Linux's ephemeral range (so no outgoing connection takes one
 * meanwhile) of which only the middle one is held; returns the first.
 */
async function window(t: Test): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 10_000)
    const free = await Promise.all([0, 1, 2, 3, 4].map(i => portFree(base + i, 'tcp')))
    if (free.every(Boolean)) {
      await hold(t, base + 2)
      return base
    }
  }
}

t.test('findFreeRange skips taken ports and ranges already chosen', async t => {
  const base = await window(t)
  const range = { from: base, to: base + 4 }
  t.equal(await findFreeRange(2, 'tcp', range), base, 'fits before the held port')
  t.equal(await findFreeRange(2, 'tcp', range, new Set([base + 1])), base + 3, 'after it')
  await t.rejects(findFreeRange(3, 'tcp', range), CannotCreateContainerError)
  await t.rejects(findFreeRange(3, 'tcp', range), {
    message: `no 3 contiguous free tcp host ports between ${String(base)} and ${String(base + 4)}`,
  })
  const anywhere = await findFreeRange(2, 'udp')
  t.ok(anywhere >= 49153 && anywhere + 1 <= 65535, 'the default range is 49153-65535')
})
