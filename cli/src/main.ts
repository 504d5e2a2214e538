/**
 * The `quayside` command: one entry point that dispatches to the server, the agent, `up`
 * (both together) and `credentials` (the server's access keys). Each subcommand lives in the
 * package that implements it; this file only routes, so `quayside --help` stays fast and a
 * subcommand's dependencies load only when it runs.
 */
import { readFileSync } from 'node:fs'

/** Where the command writes; tests pass their own. */
export interface Io {
  out(line: string): void
  err(line: string): void
}

const consoleIo: Io = {
  out: line => {
    process.stdout.write(`${line}\n`)
  },
  err: line => {
    process.stderr.write(`${line}\n`)
  },
}

export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

/** A subcommand: runs with the arguments after its name and resolves to the exit code. */
type Command = (argv: string[], io: Io) => Promise<number>

interface Entry {
  summary: string
  run: Command
}

const commands: Record<string, Entry> = {
  server: {
    summary: 'run the ECS-compatible API server',
    run: async argv => {
      const server = await import('@quayside/server')
      return server.serverCommand(argv)
    },
  },
  agent: {
    summary: 'run the host agent that starts tasks on the local Docker Engine',
    run: async (argv, io) => {
      const agent = await import('@quayside/agent')
      return agent.agentCommand(argv, {
        out: line => {
          io.out(line)
        },
        err: line => {
          io.err(line)
        },
      })
    },
  },
  credentials: {
    summary: 'add, list and revoke the access keys of a credentials file',
    run: async (argv, io) => {
      const credentials = await import('./credentials.js')
      return credentials.credentialsCommand(argv, io)
    },
  },
  up: {
    summary: 'run a local control plane and an agent together (what `npm start` runs)',
    run: async (argv, io) => {
      const up = await import('./up.js')
      return up.upCommand(argv, io)
    },
  },
}

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map(name => name.length))
  return [
    `quayside ${version}: a self-hostable container service that speaks the Amazon ECS API`,
    '',
    'Usage: quayside <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (`quayside <command> --help` for a command)',
    '  -v, --version  print the version',
  ].join('\n')
}

/** Runs the command line `argv` (without node and the script) and resolves to the exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(usage())
    return first === undefined ? 2 : 0
  }
  if (first === '-v' || first === '--version') {
    io.out(version)
    return 0
  }
  const command = Object.hasOwn(commands, first) ? commands[first] : undefined
  if (!command) {
    io.err(`quayside: unknown command "${first}"; see \`quayside --help\``)
    return 2
  }
  return command.run(rest, io)
}
