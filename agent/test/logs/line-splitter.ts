import t from 'tap'
import { LineSplitter } from '../../src/logs/line-splitter.js'

const cases: { name: string; given: string[]; max: number; want: string[] }[] = [
  { name: 'whole lines', given: ['a\nb\n'], max: 10, want: ['a', 'b'] },
  {
    name: 'a line across chunks',
    given: ['he', 'llo\nwor', 'ld\n'],
    max: 10,
    want: ['hello', 'world'],
  },
  { name: 'an unfinished last line at the end', given: ['tail'], max: 10, want: ['tail'] },
  {
    name: 'a long line cut at the limit',
    given: ['abcdefghij\n'],
    max: 4,
    want: ['abcd', 'efgh', 'ij'],
  },
  { name: 'cut at a UTF-8 boundary', given: ['aé€b\n'], max: 4, want: ['aé', '€b'] },
  { name: 'empty lines kept', given: ['\n\nx\n'], max: 4, want: ['', '', 'x'] },
]

for (const { name, given, max, want } of cases)
  t.test(name, t => {
    const splitter = new LineSplitter(max)
    const lines = given.flatMap(chunk => splitter.push(Buffer.from(chunk)))
    t.same([...lines, ...splitter.end()], want)
    t.end()
  })
