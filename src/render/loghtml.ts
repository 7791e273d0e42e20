// The HTML log page: one row per line, written straight to UTF-8 bytes (a 20,000-line log is 5 MB).
import { lookupCommand, parseCommand } from '../core/commands.js';
import type { MinutesModel } from '../core/minutes.js';
import { logLines } from '../core/state.js';
import { stripLeadingFormatting } from '../core/text.js';
import { hms, isoInstant, zoneAbbrev } from '../core/time.js';
import type { LoggedLine } from '../core/types.js';
import { nickColour, pageHead, partsValue, textParts } from './htmltext.js';
import { isPlainText, visibleText } from './ircformat.js';
import { rowTemplate, type RowValue } from './rows.js';
import { renderHtml } from './templates.js';
import { ROWS_HERE, splitAtRows, Utf8Builder } from './utf8.js';

/** A real command (known `#word`) is emphasised; `#1234` or `#channel` are ordinary words. */
function isCommand(kind: 'message' | 'action', text: string): boolean {
  if (kind !== 'message') return false;
  // A command starts with `#` or a formatting code: most lines are ruled out by their first character.
  const first = text.charCodeAt(0);
  if (first !== 0x23 && first >= 0x20) return false;
  const cmd = parseCommand(stripLeadingFormatting(text));
  return cmd !== undefined && lookupCommand(cmd.word) !== undefined;
}

/** A line's text for its row: most lines are plain and skip building parts at all. */
function lineText(text: string): RowValue {
  if (!text.includes('://') && isPlainText(text)) return text;
  return partsValue(textParts(text));
}

/** The log page as UTF-8 bytes: each row is written as it is made, so no page-sized string is ever built. */
export function renderHtmlLogBytes(model: MinutesModel): Uint8Array {
  const zone = model.zone;
  const said = rowTemplate('row-log-message.html.hbs');
  const did = rowTemplate('row-log-action.html.hbs');
  const lines = logLines(model.meeting);
  const [before, after] = splitAtRows(
    renderHtml('log.html.hbs', {
      ...pageHead(model, 'log.html'),
      zone: zoneAbbrev(model.start, model.zone),
      lines: ROWS_HERE,
      lineCount: lines.length === 1 ? '1 line' : `${lines.length} lines`,
    }),
  );
  // About 300 bytes a row: one allocation for most logs.
  const out = new Utf8Builder(before.length + after.length + lines.length * 320);
  out.append(before);
  // A meeting has a dozen speakers and thousands of lines: each nick is cleaned and coloured once.
  const speakers = new Map<string, { nick: string; colour: number }>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LoggedLine;
    let speaker = speakers.get(l.nick);
    if (speaker === undefined) {
      speaker = { nick: visibleText(l.nick), colour: nickColour(l.nick) };
      speakers.set(l.nick, speaker);
    }
    const action = l.kind === 'action';
    out.append(
      (action ? did : said).render({
        n: i + 1,
        cls: action ? 'line action' : isCommand(l.kind, l.text) ? 'line cmd' : 'line',
        iso: isoInstant(l.time),
        hms: hms(l.time, zone),
        colour: speaker.colour,
        nick: speaker.nick,
        text: lineText(l.text),
      }),
    );
  }
  out.append(after);
  return out.bytes();
}

export function renderHtmlLog(model: MinutesModel): string {
  const bytes = renderHtmlLogBytes(model);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
