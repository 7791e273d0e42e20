// `gavel commands`: the meeting commands from the one command table, as aligned text or the README's Markdown table.
import { COMMANDS, type CommandSpec } from '../core/commands.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';

/**
 * Who may use a command. In the text the column stays short: the help of #endmeeting and
 * #takeover says the rest. The Markdown table has room to say it in the column too.
 */
const WHO_SHORT: Record<CommandSpec['who'], string> = { anyone: 'anyone', chair: 'chairs', 'chair-or-overtime': 'chairs', admin: 'admins' };
const WHO_LONG: Record<CommandSpec['who'], string> = { ...WHO_SHORT, 'chair-or-overtime': 'chairs, or anyone after the scheduled length' };

/** The text fits an 80-column terminal. */
const WIDTH = 79;
/** Wide enough for every command but #startvote, whose arguments take a line of their own. */
const NAME_WIDTH = 23;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The meeting commands, as `gavel commands` prints them (markdown: as the README's table). */
export function meetingCommandsHelp(markdown: boolean): string {
  if (markdown) {
    const rows = COMMANDS.map((c) => {
      const names = [c.name, ...c.aliases].map((n) => `\`#${n}\``).join(', ');
      return `| ${names} | ${c.args === '' ? '' : `\`${c.args}\``} | ${WHO_LONG[c.who]} | ${c.help} |`;
    });
    return ['| command | arguments | who | what it does |', '|---|---|---|---|', ...rows].join('\n');
  }
  const whoWidth = Math.max(...COMMANDS.map((c) => WHO_SHORT[c.who].length));
  const indent = 2 + NAME_WIDTH + 2 + whoWidth + 2;
  const row = (name: string, who: string, help: string[]): string[] => {
    const [first = '', ...rest] = help;
    const head = `  ${name.padEnd(NAME_WIDTH)}  ${who.padEnd(whoWidth)}  ${first}`.trimEnd();
    return [head, ...rest.map((l) => `${' '.repeat(indent)}${l}`)];
  };
  const lines = [
    'Meeting commands, said in the channel during a meeting (in any letter case):',
    '',
    ...row('command', 'who', ['what it does']),
  ];
  for (const c of COMMANDS) {
    const name = `${[c.name, ...c.aliases].map((n) => `#${n}`).join(', ')} ${c.args}`.trimEnd();
    const help = wrap(c.help, WIDTH - indent);
    if (name.length > NAME_WIDTH) lines.push(`  ${name}`, ...row('', WHO_SHORT[c.who], help));
    else lines.push(...row(name, WHO_SHORT[c.who], help));
  }
  lines.push('', "Chairs are the meeting's owner and those made chairs with #chair; admins are", 'the nicks or accounts of meeting.admins in the configuration.');
  return lines.join('\n');
}

export async function commandsMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, { markdown: { type: 'boolean' } });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  io.stdout.write(`${meetingCommandsHelp((parsed.values as { markdown?: boolean }).markdown === true)}\n`);
  return 0;
}
