// The CLI's subcommands: name, synopsis, help and a lazy loader, so `gavel --help` loads nothing heavy.
import type { CliIo } from './io.js';

export interface CliCommand {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  /** Full help: every option. */
  readonly help: string;
  readonly load: () => Promise<(argv: string[], io: CliIo) => Promise<number>>;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    name: 'replay',
    synopsis: 'gavel replay FILE.log.txt… --out DIR [options]',
    summary: 'Replay MeetBot logs and write their minutes and logs.',
    help: `Usage: gavel replay FILE.log.txt… --out DIR [options]

Reads MeetBot raw logs and writes, for each, the four MeetBot files
  DIR/{channel}/{YYYY}/{channel}.{YYYY-MM-DD-HH.MM}.{log.txt,log.html,html,txt}
and prints every path written. Channel and date come from a MeetBot file name
(channel.YYYY-MM-DD-HH.MM.log.txt) unless given.

Options:
  --out DIR            output folder (required)
  --url-prefix URL     prefix of the links in the minutes (default: none, relative)
  --tz ZONE            IANA time zone of the log's times (default: UTC)
  --date YYYY-MM-DD    the date of the log's first line (default: from the file name)
  --channel '#name'    the channel (default: from the file name)
  --wording gavel|meetbot
                       the generator line of the text minutes: Gavel's (default) or
                       MeetBot 0.1.4's, for byte-identical archives
  -h, --help           this help

A file that cannot be read is reported on stderr and skipped; the others are
still written; the exit code is then 1. Lines that are not log lines are
reported with file and line number and skipped.`,
    load: async () => (await import('./replay.js')).replayMain,
  },
];

export function findCliCommand(name: string): CliCommand | undefined {
  return CLI_COMMANDS.find((c) => c.name === name);
}
