// The HTML minutes and log pages: view models built here, templates only loop and print (escaped).
import { lookupCommand, parseCommand } from '../core/commands.js';
import { safeHref } from '../core/links.js';
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { chairList, logLines } from '../core/state.js';
import { stripLeadingFormatting } from '../core/text.js';
import { hms, isoInstant, longDate, zoneAbbrev } from '../core/time.js';
import type { ItemKind } from '../core/types.js';
import { ircToSegments, isPlainText, segmentClass, visibleText, type IrcSegment, type StyledSpan } from './ircformat.js';
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

function itemRow(item: ItemView, logHref: string): object {
  return {
    kind: KIND_LABEL[item.kind],
    kindClass: `k-${item.kind.toLowerCase()}`,
    parts: item.kind === 'LINK' ? linkItemParts(item.text, item.url) : textParts(item.text),
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

/**
 * What a published site adds to a minutes page (src/web): its stylesheet and a navigation bar drawn by
 * templates/site/html-minutes-nav.hbs. Without it the page is the plain MeetBot-path minutes.
 */
export interface MinutesSiteView {
  readonly cssHref: string;
  readonly iconHref: string;
  readonly nav: object;
}

export function renderHtmlMinutes(model: MinutesModel, site?: MinutesSiteView): string {
  const logHref = siblingHref(model.basePath, '.log.html');
  const row = (i: ItemView): object => itemRow(i, logHref);
  const groups = model.groups.map((g) => ({
    hasTopic: g.topic !== undefined,
    topic: g.topic === undefined ? false : row(g.topic),
    items: g.items.map(row),
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
    actions: model.actions.map(row),
    hasActions: model.actions.length > 0,
    byPerson: model.byPerson.map((p) => ({ nick: visibleText(p.nick), colour: nickColour(p.nick), actions: p.actions.map(row) })),
    hasByPerson: model.byPerson.length > 0,
    unassigned: model.unassigned.map(row),
    hasUnassigned: model.byPerson.length > 0 && model.unassigned.length > 0,
    people: model.people.map((p) => ({
      nick: visibleText(p.nick),
      lines: p.count === 1 ? '1 line' : `${p.count} lines`,
      colour: nickColour(p.nick),
    })),
    site: site ?? false,
  };
  return renderHtml('minutes.html.hbs', view);
}

/** A real command (known `#word`) is emphasised; `#1234` or `#channel` are ordinary words. */
function isCommand(kind: 'message' | 'action', text: string): boolean {
  if (kind !== 'message') return false;
  const cmd = parseCommand(stripLeadingFormatting(text));
  return cmd !== undefined && lookupCommand(cmd.word) !== undefined;
}

export function renderHtmlLog(model: MinutesModel): string {
  const lines = logLines(model.meeting).map((l, i) => {
    const action = l.kind === 'action';
    const command = isCommand(l.kind, l.text);
    return {
      id: `l-${i + 1}`,
      cls: ['line', action ? 'action' : '', command ? 'cmd' : ''].filter((c) => c !== '').join(' '),
      hms: hms(l.time, model.zone),
      iso: isoInstant(l.time),
      isAction: action,
      nick: visibleText(l.nick),
      colour: nickColour(l.nick),
      parts: textParts(l.text),
    };
  });
  const view = {
    ...pageHead(model),
    zone: zoneAbbrev(model.start, model.zone),
    lines,
    lineCount: lines.length === 1 ? '1 line' : `${lines.length} lines`,
  };
  return renderHtml('log.html.hbs', view);
}
