/**
 * The regular expression engine the validators compile the specs' `pattern`s with. botocore's
 * patterns are Java's: some need Unicode mode (`\p{L}`), others escape characters Unicode mode
 * refuses (`\!`, `\=`, in SSM's and Secrets Manager's models). Each is compiled in Unicode mode
 * when it can be and without it otherwise, where those escapes mean the character itself.
 */
import type { RegExpEngine } from 'ajv/dist/types/index.js'

export const modelRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExp => {
    try {
      return new RegExp(pattern, flags)
    } catch (error) {
      if (!flags.includes('u')) throw error
      return new RegExp(pattern, flags.replace('u', ''))
    }
  },
  { code: 'modelRegExp' },
)
