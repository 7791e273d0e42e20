// `gavel` entry point: dispatches to a subcommand and returns an exit code (never calls process.exit).
import { COMMANDS } from '../core/commands.js';
import { GAVEL_VERSION } from '../core/config.js';
import { CLI_COMMANDS, findCliCommand } from './commands.js';
import { UsageError, type CliIo } from './io.js';

/** The meeting commands, from the one command table, as `gavel --help` and the README show them. */
export function meetingCommandsHelp(markdown: boolean): string {
  const who = { anyone: 'anyone', chair: 'chairs', 'chair-or-overtime': 'chairs (anyone after the scheduled length)', admin: 'admins (from the config)' };
  if (markdown) {
    const rows = COMMANDS.map((c) => {
      const names = [c.name, ...c.aliases].map((n) => `\`#${n}\``).join(', ');
      return `| ${names} | ${c.args === '' ? '' : `\`${c.args}\``} | ${who[c.who]} | ${c.help} |`;
    });
    return ['| command | arguments | who | what it does |', '|---|---|---|---|', ...rows].join('\n');
  }
  return COMMANDS.map((c) => {
    const names = [c.name, ...c.aliases].map((n) => `#${n}`).join(', ');
    return `  ${`${names} ${c.args}`.padEnd(34)} ${c.help} (${who[c.who]})`;
  }).join('\n');
}

export function mainHelp(): string {
  return `Gavel ${GAVEL_VERSION}: an IRC meeting bot with MeetBot-compatible minutes and logs.

Usage: gavel COMMAND [options]    (gavel COMMAND --help for its options)

Commands:
${CLI_COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
  commands   Print the meeting commands (--markdown for a table).

Meeting commands, said in the channel during a meeting:
${meetingCommandsHelp(false)}
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
  if (name === 'commands') {
    io.stdout.write(`${meetingCommandsHelp(rest.includes('--markdown'))}\n`);
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
