// The HTML minutes and log pages: view models built here, templates only loop and print (escaped).
import { lookupCommand, parseCommand } from '../core/commands.js';
import { safeHref } from '../core/links.js';
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { chairList, logLines } from '../core/state.js';
import { stripLeadingFormatting } from '../core/text.js';
import { hms, isoInstant, longDate, zoneAbbrev } from '../core/time.js';
import type { ItemKind, LoggedLine } from '../core/types.js';
import { ircToSegments, isPlainText, segmentClass, visibleText, type IrcSegment, type StyledSpan } from './ircformat.js';
import { HtmlBuilder, rowTemplate, type RowValue } from './rows.js';
import { renderHtml } from './templates.js';

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

const KIND_LABEL: Record<ItemKind, string> = {
  TOPIC: 'Topic', INFO: 'Info', ACTION: 'Action', AGREED: 'Agreed', ACCEPTED: 'Accepted',
  REJECTED: 'Rejected', IDEA: 'Idea', HELP: 'Help', LINK: 'Link', VOTE: 'Vote',
};

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
function linkItemParts(text: string, url: string | undefined): TextPart[] {
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

function when(time: number, zone: string): { text: string; iso: string } {
  return { text: `${longDate(time, zone)}, ${hms(time, zone)} ${zoneAbbrev(time, zone)}`, iso: isoInstant(time) };
}

function duration(ms: number): string {
  const mins = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const part = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (h === 0) return part(m, 'minute');
  return m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`;
}

/** A stable colour per nick, so a reader can follow a speaker down the log. */
function nickColour(nick: string): number {
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
function partsValue(parts: readonly TextPart[]): RowValue {
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

function itemText(item: ItemView): RowValue {
  return partsValue(item.kind === 'LINK' ? linkItemParts(item.text, item.url) : textParts(item.text));
}

/** Each item's row with and without its kind, rendered once though an action is listed up to three times. */
class ItemRows {
  private readonly withKind = new Map<number, HtmlBuilder>();
  private readonly plain = new Map<number, HtmlBuilder>();

  constructor(private readonly logHref: string) {}

  private one(item: ItemView, kind: boolean): HtmlBuilder {
    const cache = kind ? this.withKind : this.plain;
    let row = cache.get(item.id);
    if (row === undefined) {
      const fields = {
        kind: KIND_LABEL[item.kind],
        kindClass: `k-${item.kind.toLowerCase()}`,
        text: itemText(item),
        nick: visibleText(item.nick),
        hms: item.hms,
        iso: isoInstant(item.time),
        href: `${this.logHref}#l-${item.line}`,
      };
      row = new HtmlBuilder().add(rowTemplate(kind ? 'row-item-kind.html.hbs' : 'row-item.html.hbs'), fields);
      cache.set(item.id, row);
    }
    return row;
  }

  list(items: readonly ItemView[], kind: boolean): HtmlBuilder {
    const all = new HtmlBuilder();
    for (const item of items) all.addHtml(this.one(item, kind));
    return all;
  }
}

function topicHead(item: ItemView, logHref: string): object {
  return {
    text: itemText(item),
    nick: visibleText(item.nick),
    hms: item.hms,
    iso: isoInstant(item.time),
    href: `${logHref}#l-${item.line}`,
    anchor: `i-${item.id}`,
  };
}

function pageHead(model: MinutesModel): object {
  return {
    title: visibleText(model.title),
    channel: visibleText(model.channel),
    minutesHref: siblingHref(model.basePath, '.html'),
    logHref: siblingHref(model.basePath, '.log.html'),
    textHref: siblingHref(model.basePath, '.txt'),
    rawHref: siblingHref(model.basePath, '.log.txt'),
    date: longDate(model.start, model.zone),
    ...footer(model),
  };
}

export function renderHtmlMinutes(model: MinutesModel): string {
  const logHref = siblingHref(model.basePath, '.log.html');
  const rows = new ItemRows(logHref);
  const groups = model.groups.map((g) => ({
    hasTopic: g.topic !== undefined,
    topic: g.topic === undefined ? false : topicHead(g.topic, logHref),
    hasItems: g.items.length > 0,
    items: rows.list(g.items, true),
  }));
  const topics = model.groups.flatMap((g) =>
    g.topic === undefined ? [] : [{ anchor: `i-${g.topic.id}`, text: visibleText(g.topic.text) }],
  );
  const view = {
    ...pageHead(model),
    owner: visibleText(model.owner),
    chairs: chairList(model.meeting).map(visibleText).join(', '),
    start: when(model.start, model.zone),
    end: when(model.end, model.zone),
    duration: duration(model.end - model.start),
    zone: zoneAbbrev(model.start, model.zone),
    groups,
    hasGroups: groups.length > 0,
    topics,
    actions: rows.list(model.actions, false),
    hasActions: model.actions.length > 0,
    byPerson: model.byPerson.map((p) => ({ nick: visibleText(p.nick), colour: nickColour(p.nick), actions: rows.list(p.actions, false) })),
    hasByPerson: model.byPerson.length > 0,
    unassigned: rows.list(model.unassigned, false),
    hasUnassigned: model.byPerson.length > 0 && model.unassigned.length > 0,
    people: model.people.map((p) => ({
      nick: visibleText(p.nick),
      lines: p.count === 1 ? '1 line' : `${p.count} lines`,
      colour: nickColour(p.nick),
    })),
  };
  return renderHtml('minutes.html.hbs', view);
}

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

export function renderHtmlLog(model: MinutesModel): string {
  const zone = model.zone;
  const said = rowTemplate('row-log-message.html.hbs');
  const did = rowTemplate('row-log-action.html.hbs');
  const rows = new HtmlBuilder();
  const lines = logLines(model.meeting);
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
    rows.add(action ? did : said, {
      n: i + 1,
      cls: action ? 'line action' : isCommand(l.kind, l.text) ? 'line cmd' : 'line',
      iso: isoInstant(l.time),
      hms: hms(l.time, zone),
      colour: speaker.colour,
      nick: speaker.nick,
      text: lineText(l.text),
    });
  }
  const view = {
    ...pageHead(model),
    zone: zoneAbbrev(model.start, model.zone),
    lines: rows,
    lineCount: lines.length === 1 ? '1 line' : `${lines.length} lines`,
  };
  return renderHtml('log.html.hbs', view);
}
