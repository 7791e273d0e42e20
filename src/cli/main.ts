// `gavel` entry point: dispatches to a subcommand and returns an exit code (never calls process.exit).
import { GAVEL_VERSION } from '../core/config.js';
import { CLI_COMMANDS, findCliCommand } from './commands.js';
import { UsageError, type CliIo } from './io.js';

export function mainHelp(): string {
  return `Gavel ${GAVEL_VERSION}: an IRC meeting bot with MeetBot-compatible minutes and logs.

Usage: gavel COMMAND [options]    (gavel COMMAND --help for its options)

Commands:
${CLI_COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Meeting commands (#startmeeting, #topic, #action, #agreed, …) are said in the
channel during a meeting: gavel commands lists them all.
`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${GAVEL_VERSION}\n`);
    return 0;
  }
  const cmd = findCliCommand(name);
  if (cmd === undefined) {
    io.stderr.write(`gavel: unknown command '${name}'. Try 'gavel --help'.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  try {
    const run = await cmd.load();
    return await run([...rest], io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`gavel ${name}: ${err.message}\nUsage: ${cmd.synopsis}  (gavel ${name} --help)\n`);
      return 2;
    }
    const e = err as Error;
    // The cause adds to the message only when the message does not already say it.
    const cause = e.cause instanceof Error && !e.message.includes(e.cause.message) ? ` (${e.cause.message})` : '';
    io.stderr.write(`gavel ${name}: ${e.message}${cause}\n`);
    return 1;
  }
}
