// What both HTML pages show of a line or an item: styled text, safe links, speaker colours, the page head.
import { safeHref } from '../core/links.js';
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { formatsOf, type OutputFormat } from '../core/config.js';
import { longDate } from '../core/time.js';
import { ircToSegments, isPlainText, segmentClass, visibleText, type IrcSegment, type StyledSpan } from './ircformat.js';
import { HtmlBuilder, rowTemplate, type RowValue } from './rows.js';

/** A run of text that is one link (href set) or plain (href ''). */
export interface TextPart {
  readonly href: string;
  readonly spans: StyledSpan[];
}

interface Range {
  readonly start: number;
  readonly end: number;
  readonly href: string;
}

const URL_RE = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/g;

/** Every `scheme://…` in the visible text that safeHref accepts, trimmed as findUrl trims. */
function urlRanges(visible: string): Range[] {
  const out: Range[] = [];
  for (const m of visible.matchAll(URL_RE)) {
    const url = m[0].replace(/[.)]+$/, '');
    const href = safeHref(url);
    if (href !== undefined) out.push({ start: m.index, end: m.index + url.length, href });
  }
  return out;
}

/** Cuts styled segments at link boundaries, so a link keeps the styling of the text it covers. */
function splitParts(segs: readonly IrcSegment[], ranges: readonly Range[]): TextPart[] {
  const parts: { href: string; spans: StyledSpan[] }[] = [];
  let offset = 0;
  for (const seg of segs) {
    const cls = segmentClass(seg);
    let i = 0;
    while (i < seg.text.length) {
      const at = offset + i;
      const inside = ranges.find((r) => r.start <= at && at < r.end);
      let stop = inside?.end ?? Infinity;
      if (inside === undefined) for (const r of ranges) if (r.start > at && r.start < stop) stop = r.start;
      const j = Math.min(seg.text.length, stop - offset);
      const span = { text: seg.text.slice(i, j), cls };
      const href = inside?.href ?? '';
      const last = parts[parts.length - 1];
      if (last !== undefined && last.href === href) last.spans.push(span);
      else parts.push({ href, spans: [span] });
      i = j;
    }
    offset += seg.text.length;
  }
  return parts;
}

/** Text with IRC styling shown and every safe URL made a link. */
export function textParts(text: string): TextPart[] {
  // Most lines have no control characters and no URL: they skip the segment machinery.
  if (!text.includes('://') && isPlainText(text)) return [{ href: '', spans: [{ text, cls: '' }] }];
  const segs = ircToSegments(text);
  return splitParts(segs, urlRanges(segs.map((s) => s.text).join('')));
}

/** A LINK item: only its own URL is a link, and only when safeHref accepts it. */
export function linkItemParts(text: string, url: string | undefined): TextPart[] {
  const segs = ircToSegments(text);
  const visible = segs.map((s) => s.text).join('');
  const shownUrl = url === undefined ? '' : visibleText(url);
  const href = shownUrl === '' ? undefined : safeHref(shownUrl);
  const start = shownUrl === '' ? -1 : visible.indexOf(shownUrl);
  const ranges = href !== undefined && start >= 0 ? [{ start, end: start + shownUrl.length, href }] : [];
  return splitParts(segs, ranges);
}

/** The last path segment, encoded: a relative link that a `:` in a channel name cannot turn into a scheme. */
export function siblingHref(basePath: string, ext: string): string {
  const last = basePath.split('/').pop() ?? '';
  return encodeURIComponent(last + ext);
}

/** A stable colour per nick, so a reader can follow a speaker down the log. */
export function nickColour(nick: string): number {
  let h = 0;
  for (let i = 0; i < nick.length; i++) h = (h * 31 + nick.charCodeAt(i)) >>> 0;
  return h % 8;
}

function footer(model: MinutesModel): { botName: string; version: string; infoHref: string } {
  const t = model.meeting.config.texts;
  return { botName: visibleText(t.botName), version: visibleText(t.version), infoHref: safeHref(t.infoUrl) ?? '' };
}

/** Spans of styled text, each bare or in a `<span class>`. */
function spansHtml(out: HtmlBuilder, spans: readonly StyledSpan[]): HtmlBuilder {
  for (const span of spans) {
    if (span.cls === '') out.add(rowTemplate('row-text.html.hbs'), { text: span.text });
    else out.add(rowTemplate('row-span.html.hbs'), { cls: span.cls, text: span.text });
  }
  return out;
}

/** Text for a `{{field}}`: plain text as it is (the template escapes it), styled or linked text as rows of markup. */
export function partsValue(parts: readonly TextPart[]): RowValue {
  const only = parts.length === 1 ? parts[0] : undefined;
  const span = only !== undefined && only.href === '' && only.spans.length === 1 ? only.spans[0] : undefined;
  if (span !== undefined && span.cls === '') return span.text;
  const out = new HtmlBuilder();
  for (const part of parts) {
    if (part.href === '') spansHtml(out, part.spans);
    else out.add(rowTemplate('row-link.html.hbs'), { href: part.href, spans: spansHtml(new HtmlBuilder(), part.spans) });
  }
  return out;
}

/** An item's text: a LINK item links only its own URL. */
export function itemText(item: ItemView): RowValue {
  return partsValue(item.kind === 'LINK' ? linkItemParts(item.text, item.url) : textParts(item.text));
}

/** Each file a meeting may have: its format, its extension and how a page's list of files names it. */
const FILES: readonly [OutputFormat, string, string][] = [
  ['html', '.html', 'Minutes'],
  ['log.html', '.log.html', 'Full log'],
  ['txt', '.txt', 'Minutes as text'],
  ['md', '.md', 'Minutes as Markdown'],
  ['json', '.json', 'Minutes as JSON'],
  ['log.txt', '.log.txt', 'Raw log'],
];

function written(model: MinutesModel): readonly OutputFormat[] {
  return formatsOf(model.meeting.config);
}

/** The meeting's other files, those its formats write: a page links nothing that is not there. */
export function otherFiles(model: MinutesModel, self: OutputFormat): { href: string; label: string }[] {
  const formats = written(model);
  return FILES.filter(([f]) => f !== self && formats.includes(f)).map(([, ext, label]) => ({ href: siblingHref(model.basePath, ext), label }));
}

/**
 * Where a time links for a log line: the line in the HTML log, or the raw log when no HTML log is
 * written. Made once per page: a page links thousands of items.
 */
export function lineLinker(model: MinutesModel): (line: number) => string {
  const formats = written(model);
  if (formats.includes('log.html')) {
    const page = `${siblingHref(model.basePath, '.log.html')}#l-`;
    return (line) => `${page}${line}`;
  }
  const raw = formats.includes('log.txt') ? siblingHref(model.basePath, '.log.txt') : '#main';
  return () => raw;
}

export function pageHead(model: MinutesModel, self: OutputFormat): object {
  return {
    title: visibleText(model.title),
    channel: visibleText(model.channel),
    files: otherFiles(model, self),
    date: longDate(model.start, model.zone),
    ...footer(model),
  };
}

