/**
 * Splits a container's output (one of stdout or stderr, as Docker hands it over in arbitrary
 * chunks) into whole lines, so a line is shipped as one event and never interleaved with the
 * other stream mid-line. The newline is not part of the line. A line longer than `maxBytes` is
 * cut into pieces of at most `maxBytes`, at a UTF-8 character boundary, as the awslogs driver
 * cuts lines at CloudWatch's event size. Memory: at most one unfinished piece (`maxBytes`).
 */
export class LineSplitter {
  readonly #maxBytes: number
  #pending: Buffer = Buffer.alloc(0)

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /** The lines `chunk` completes (and the pieces of lines that grew past the limit). */
  push(chunk: Buffer): string[] {
    const lines: string[] = []
    let data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk])
    for (;;) {
      const newline = data.indexOf(0x0a)
      if (newline < 0 || newline > this.#maxBytes) {
        if (data.length <= this.#maxBytes) break
        const cut = boundary(data, this.#maxBytes)
        lines.push(data.subarray(0, cut).toString('utf8'))
        data = data.subarray(cut)
        continue
      }
      lines.push(data.subarray(0, newline).toString('utf8'))
      data = data.subarray(newline + 1)
    }
    this.#pending = Buffer.from(data)
    return lines
  }

  /** The unfinished last line, if any (the stream ended without a newline). */
  end(): string[] {
    const rest = this.#pending
    this.#pending = Buffer.alloc(0)
    return rest.length === 0 ? [] : [rest.toString('utf8')]
  }
}

/** The largest cut at most `limit` bytes in that does not split a UTF-8 character. */
function boundary(data: Buffer, limit: number): number {
  let cut = limit
  // continuation bytes are 10xxxxxx: back up to the start of the character
  while (cut > 0 && ((data[cut] ?? 0) & 0xc0) === 0x80) cut -= 1
  return cut === 0 ? limit : cut
}
