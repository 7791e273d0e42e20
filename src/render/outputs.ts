// All output files of one meeting, rendered in memory: MeetBot's four, Markdown and JSON, as configured.
import { OUTPUT_FORMATS, type OutputFormat } from '../core/config.js';
import { formatLog } from '../core/logformat.js';
import { minutesModel } from '../core/minutes.js';
import { logLines, type Meeting } from '../core/state.js';
import { renderHtmlLog, renderHtmlMinutes, type MinutesSiteView } from './html.js';
import { renderJsonExport } from './jsonexport.js';
import { renderMarkdownMinutes } from './markdown.js';
import { renderTextMinutes } from './textminutes.js';

export interface RenderedFile {
  /** `.log.txt`, `.html`, …: appended to the base path. */
  readonly ext: string;
  readonly content: string;
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

/** `site`: the minutes page gets the published site's stylesheet and navigation; the other files are the same. */
export function renderMeeting(m: Meeting, site?: MinutesSiteView): RenderedMeeting {
  const model = minutesModel(m);
  const wanted = new Set<OutputFormat>(m.config.formats ?? OUTPUT_FORMATS);
  const renderers: [OutputFormat, () => string][] = [
    ['log.txt', () => formatLog(logLines(m), m.config.timezone)],
    ['log.html', () => renderHtmlLog(model)],
    ['html', () => renderHtmlMinutes(model, site)],
    ['txt', () => renderTextMinutes(model, endNote(m))],
    ['md', () => renderMarkdownMinutes(model, endNote(m))],
    ['json', () => renderJsonExport(model)],
  ];
  const files: RenderedFile[] = renderers.filter(([f]) => wanted.has(f)).map(([f, render]) => ({ ext: `.${f}`, content: render() }));
  return { base: model.basePath, files, restricted: m.restrictLogs };
}
