/**
 * Writing a state file so that a crash (kill -9, power cut) leaves either the old contents or the
 * new, never half of either: the text goes to a temporary file that is flushed to disk, renamed
 * over the target, and the directory flushed so the rename itself lasts (Linux, macOS).
 */
import { mkdir, open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

export async function writeDurably(file: string, text: string): Promise<void> {
  const directory = dirname(file)
  await mkdir(directory, { recursive: true })
  const temporary = `${file}.tmp`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  const entries = await open(directory, 'r')
  try {
    await entries.sync()
  } finally {
    await entries.close()
  }
}
