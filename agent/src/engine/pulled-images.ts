/**
 * The images this agent has pulled successfully, which pull behaviour `once` does not pull again.
 * The ECS agent keeps this in its state file; quayside keeps it in `<state-dir>/images.json` (a
 * JSON list of image references), so a restarted agent does not pull them again either.
 */
import { readFile } from 'node:fs/promises'
import { writeDurably } from './durable-file.js'

/** What the pull step needs; a plain `Set<string>` is one (kept in memory only). */
export interface PulledImages {
  has(image: string): boolean
  add(image: string): void
}

/** {@link PulledImages} kept in a file; each new image rewrites it durably, in order. */
export class PulledImagesFile implements PulledImages {
  readonly file: string
  readonly #images: Set<string>
  readonly #onError: (error: unknown) => void
  #writing: Promise<void> = Promise.resolve()

  private constructor(file: string, images: Set<string>, onError: (error: unknown) => void) {
    this.file = file
    this.#images = images
    this.#onError = onError
  }

  /** Reads `file`; a missing file is an empty list, an unreadable one too (reported). */
  static async load(
    file: string,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<PulledImagesFile> {
    let images: unknown = []
    try {
      images = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error)
    }
    const valid = Array.isArray(images) ? images.filter(i => typeof i === 'string') : []
    return new PulledImagesFile(file, new Set(valid), onError)
  }

  has(image: string): boolean {
    return this.#images.has(image)
  }

  add(image: string): void {
    if (this.#images.has(image)) return
    this.#images.add(image)
    const text = `${JSON.stringify([...this.#images].sort())}\n`
    this.#writing = this.#writing.then(() => writeDurably(this.file, text)).catch(this.#onError)
  }

  /** Resolves once every write so far has finished (or failed, reported to `onError`). */
  flushed(): Promise<void> {
    return this.#writing
  }
}
