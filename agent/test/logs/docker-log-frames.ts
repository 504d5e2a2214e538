import t from 'tap'
import { DockerLogFrames } from '../../src/logs/docker-log-frames.js'

const frame = (stream: number, text: string) => {
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(Buffer.byteLength(text), 4)
  return Buffer.concat([header, Buffer.from(text)])
}

t.test('frames cut anywhere are reassembled, stream by stream', t => {
  const all = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')])
  const frames = new DockerLogFrames()
  const got = []
  for (let i = 0; i < all.length; i += 3) got.push(...frames.push(all.subarray(i, i + 3)))
  t.same(
    got.map(c => [c.stream, c.data.toString()]),
    [
      ['stdout', 'out\n'],
      ['stderr', 'err\n'],
      ['stdout', 'more'],
    ],
  )
  t.end()
})
