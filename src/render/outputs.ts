// All output files of one meeting, rendered in memory: the four MeetBot files (more formats plug in here).
import { formatLog } from '../core/logformat.js';
import { minutesModel } from '../core/minutes.js';
import { logLines, type Meeting } from '../core/state.js';
import { renderHtmlLog, renderHtmlMinutes, type MinutesSiteView } from './html.js';
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
  const files: RenderedFile[] = [
    { ext: '.log.txt', content: formatLog(logLines(m), m.config.timezone) },
    { ext: '.log.html', content: renderHtmlLog(model) },
    { ext: '.html', content: renderHtmlMinutes(model, site) },
    { ext: '.txt', content: renderTextMinutes(model, endNote(m)) },
  ];
  return { base: model.basePath, files, restricted: m.restrictLogs };
}
