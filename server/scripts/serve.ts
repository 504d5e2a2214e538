// Runs `quayside server` from the sources (through tsx), for the bench and local use:
//   node --import tsx server/scripts/serve.ts --port 0
import { serverCommand } from '../src/index.js'

process.exitCode = await serverCommand(process.argv.slice(2))
