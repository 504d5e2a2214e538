/**
 * A small parser for the AWS shared configuration files (`~/.aws/credentials`, `~/.aws/config`).
 * Sections are `[name]`; entries are `key = value`; `#` and `;` start comments (at the start of a
 * line, or after whitespace inside a value); an indented `sub = value` line under a key with an
 * empty value is a nested setting, stored as `key.sub` (the files use that for `s3 =` blocks).
 * Later duplicates win, as in the AWS SDKs. Pure: no I/O.
 */

/** Section name → (key → value). Keys are kept as written; AWS treats them case-sensitively. */
export type IniFile = Record<string, Record<string, string>>

const SECTION = /^\[([^\]]+)\]\s*(?:[#;].*)?$/
const INLINE_COMMENT = /\s[#;].*$/

/** Parses INI text as the AWS SDKs do; lines that fit no rule are ignored, never fatal. */
export function parseIni(text: string): IniFile {
  const file: IniFile = Object.create(null) as IniFile
  let section: Record<string, string> | undefined
  let parentKey: string | undefined
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue
    const header = SECTION.exec(trimmed)
    if (header) {
      const name = (header[1] ?? '').trim()
      section = file[name] ?? (Object.create(null) as Record<string, string>)
      file[name] = section
      parentKey = undefined
      continue
    }
    const eq = trimmed.indexOf('=')
    if (section === undefined || eq <= 0) continue
    const key = trimmed.slice(0, eq).trim()
    const value = trimmed
      .slice(eq + 1)
      .replace(INLINE_COMMENT, '')
      .trim()
    const indented = /^\s/.test(raw)
    if (indented && parentKey !== undefined) {
      section[`${parentKey}.${key}`] = value
      continue
    }
    section[key] = value
    parentKey = value === '' ? key : undefined
  }
  return file
}
