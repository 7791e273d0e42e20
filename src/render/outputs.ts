// All output files of one meeting, rendered in memory: MeetBot's four, Markdown and JSON, as configured.
import { formatsOf, type OutputFormat } from '../core/config.js';
import { formatLogLine } from '../core/logformat.js';
import { minutesModel } from '../core/minutes.js';
import { logLines, type Meeting } from '../core/state.js';
import type { LoggedLine } from '../core/types.js';
import { renderHtmlMinutes, type MinutesSiteView } from './html.js';
import { renderJsonExport } from './jsonexport.js';
import { renderHtmlLogBytes } from './loghtml.js';
import { renderMarkdownMinutes } from './markdown.js';
import { renderTextMinutes } from './textminutes.js';
import { Utf8Builder } from './utf8.js';

export interface RenderedFile {
  /** `.log.txt`, `.html`, …: appended to the base path. */
  readonly ext: string;
  readonly content: string;
  /** The content as UTF-8, where the renderer wrote bytes directly (the large files): what is written. */
  readonly bytes?: Uint8Array;
}

/** A file rendered as bytes; its text is decoded only if someone asks for it. */
function bytesFile(ext: string, bytes: Uint8Array): RenderedFile {
  let text: string | undefined;
  return {
    ext,
    bytes,
    get content(): string {
      text ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      return text;
    },
  };
}

export interface RenderedMeeting {
  /** Relative to the output folder, without extension: `opencontainers/2018/opencontainers.2018-03-07-22.00`. */
  readonly base: string;
  readonly files: readonly RenderedFile[];
  /** #restrictlogs: files readable by their owner only. */
  readonly restricted: boolean;
}

function endNote(m: Meeting): string | undefined {
  if (m.endReason === 'idle') {
    return `(Ended automatically after ${m.config.idleMinutes} minutes without a line.)`;
  }
  return undefined;
}

/**
 * The `.log.txt` as formatLog makes it, encoded line by line: the text of a long meeting never sits in
 * the JavaScript heap, where it would be copied by the young collections and push the old generation
 * into a full collection.
 */
function logTextBytes(lines: readonly LoggedLine[], zone: string): Uint8Array {
  const out = new Utf8Builder(lines.length * 100);
  for (let i = 0; i < lines.length; i++) {
    const line = formatLogLine(lines[i] as LoggedLine, zone);
    out.append(i + 1 < lines.length ? `${line}\n` : line);
  }
  return out.bytes();
}

/** A meeting's files, each rendered when its function is called: a writer can save one while the next renders. */
export interface PendingMeeting {
  readonly base: string;
  readonly restricted: boolean;
  readonly files: readonly (() => RenderedFile)[];
}

export interface RenderOptions {
  /** The `.log.txt` as it is, when the caller has it (a log read verbatim): it is not printed again. */
  readonly logTxt?: Uint8Array | undefined;
}

/** `site`: the minutes page gets the published site's stylesheet and navigation; the other files are the same. */
export function renderMeetingLater(m: Meeting, site?: MinutesSiteView, opts: RenderOptions = {}): PendingMeeting {
  const model = minutesModel(m);
  const wanted = new Set<OutputFormat>(formatsOf(m.config));
  const renderers: [OutputFormat, () => RenderedFile][] = [
    ['log.txt', () => bytesFile('.log.txt', opts.logTxt ?? logTextBytes(logLines(m), m.config.timezone))],
    ['log.html', () => bytesFile('.log.html', renderHtmlLogBytes(model))],
    ['html', () => ({ ext: '.html', content: renderHtmlMinutes(model, site) })],
    ['txt', () => ({ ext: '.txt', content: renderTextMinutes(model, endNote(m)) })],
    ['md', () => ({ ext: '.md', content: renderMarkdownMinutes(model, endNote(m)) })],
    ['json', () => ({ ext: '.json', content: renderJsonExport(model) })],
  ];
  const files = renderers.filter(([f]) => wanted.has(f)).map(([, render]) => render);
  return { base: model.basePath, files, restricted: m.restrictLogs };
}

export function renderMeeting(m: Meeting, site?: MinutesSiteView): RenderedMeeting {
  const pending = renderMeetingLater(m, site);
  return { base: pending.base, files: pending.files.map((render) => render()), restricted: pending.restricted };
}
