/**
 * Docker's multiplexed log stream (`GET /containers/{id}/logs` of a container without a TTY):
 * frames of an 8-byte header (byte 0 the stream, 1 stdout or 2 stderr; bytes 4-7 the length,
 * big-endian) then the payload. Chunks from the socket may cut headers and payloads anywhere;
 * this reassembles them. A container with a TTY has no frames: its output is all stdout.
 */

/** A piece of output from one of the container's streams. */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr'
  readonly data: Buffer
}

export class DockerLogFrames {
  #buffer: Buffer = Buffer.alloc(0)

  /** The output pieces `chunk` completes. */
  push(chunk: Buffer): OutputChunk[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    const out: OutputChunk[] = []
    while (this.#buffer.length >= 8) {
      const length = this.#buffer.readUInt32BE(4)
      if (this.#buffer.length < 8 + length) break
      const stream = this.#buffer[0] === 2 ? 'stderr' : 'stdout'
      out.push({ stream, data: this.#buffer.subarray(8, 8 + length) })
      this.#buffer = this.#buffer.subarray(8 + length)
    }
    return out
  }
}
