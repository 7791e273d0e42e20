// What every site page shares: its place in the site, the links of its head and header, and the meeting rows.
import { GAVEL_VERSION } from '../core/config.js';
import { hms, isoDate, isoInstant, longDate, zoneAbbrev } from '../core/time.js';
import type { ItemView } from '../core/minutes.js';
import { textParts } from '../render/html.js';
import { visibleText } from '../render/ircformat.js';
import type { Group, MeetingEntry } from './model.js';
import { relHref } from './paths.js';

export interface SiteOptions {
  /** Where the site is published (`https://meetings.example.org/`); '' for none: feeds then use relative links. */
  readonly urlPrefix: string;
  /** Epoch ms: the `updated` of a feed with nothing to date it by; feeds otherwise use their newest entry (or meeting), so rebuilds stay byte-identical. */
  readonly generatedAt: number;
  /** The home page's heading; default "Meeting minutes". */
  readonly title?: string;
}

/** Files at the site root. No channel folder can take these names: channel folders never contain a dot. */
export const ROOT_FILES = { home: 'index.html', search: 'search.html', css: 'gavel.css', script: 'search.js', icon: 'favicon.svg' } as const;

export type GroupPage = 'index.html' | 'latest.html' | 'decisions.html' | 'actions.html' | 'meetings.atom' | 'decisions.atom';

export function groupFile(g: Group, page: GroupPage): string {
  return `${g.dir}/${page}`;
}

export function minutesFile(e: MeetingEntry): string {
  return `${e.base}.html`;
}

export function logFile(e: MeetingEntry): string {
  return `${e.base}.log.html`;
}

export interface Crumb {
  readonly text: string;
  /** Site path of the crumb's page; undefined for the current page. */
  readonly path?: string;
}

/** The `page` part of every page view: title, stylesheet, header links, breadcrumbs and feed links. */
export function pageView(path: string, opts: SiteOptions, title: string, crumbs: readonly Crumb[], feedsOf?: Group): object {
  const href = (to: string): string => relHref(path, to);
  const feeds = feedsOf === undefined ? [] : [
    { title: `Meetings of ${feedsOf.name}`, href: href(groupFile(feedsOf, 'meetings.atom')) },
    { title: `Decisions of ${feedsOf.name}`, href: href(groupFile(feedsOf, 'decisions.atom')) },
  ];
  return {
    title: title === siteTitle(opts) ? title : `${title} · ${siteTitle(opts)}`,
    siteTitle: siteTitle(opts),
    generator: `Gavel ${GAVEL_VERSION}`,
    cssHref: href(ROOT_FILES.css),
    iconHref: href(ROOT_FILES.icon),
    homeHref: href(ROOT_FILES.home),
    searchHref: href(ROOT_FILES.search),
    isSearch: path === ROOT_FILES.search,
    scriptHref: href(ROOT_FILES.script),
    crumbs: crumbs.map((c, i) => ({ text: c.text, href: c.path === undefined ? false : href(c.path), last: i === crumbs.length - 1 })),
    hasCrumbs: crumbs.length > 0,
    feeds,
  };
}

export function siteTitle(opts: SiteOptions): string {
  return opts.title ?? 'Meeting minutes';
}

export function groupCrumbs(g: Group, current?: string): Crumb[] {
  const crumbs: Crumb[] = [{ text: 'Home', path: ROOT_FILES.home }];
  const chain = g.parent === undefined ? [g] : [g.parent, g];
  for (const x of chain) crumbs.push({ text: x.name, path: groupFile(x, 'index.html') });
  if (current !== undefined) crumbs.push({ text: current });
  else crumbs[crumbs.length - 1] = { text: g.name };
  return crumbs;
}

export function plural(n: number, one: string, many: string): string {
  return `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;
}

export interface When {
  readonly date: string;
  readonly longDate: string;
  readonly time: string;
  readonly zone: string;
  readonly iso: string;
}

// Formatting a date in a zone costs a luxon DateTime; every page lists the same meetings' dates again.
const whenCache = new Map<string, When>();

export function when(time: number, zone: string): When {
  const key = `${time} ${zone}`;
  let w = whenCache.get(key);
  if (w === undefined) {
    w = { date: isoDate(time, zone), longDate: longDate(time, zone), time: hms(time, zone).slice(0, 5), zone: zoneAbbrev(time, zone), iso: isoInstant(time) };
    // Bounded: a bot that runs for years must not keep every date it ever formatted.
    if (whenCache.size >= 100_000) whenCache.clear();
    whenCache.set(key, w);
  }
  return w;
}

/** One meeting in a list: what the issue asks for (date, time, title, chair, counts) and where it links. */
export function meetingRow(from: string, e: MeetingEntry, showSeries: boolean): object {
  const decisions = e.decisions.length;
  const actions = e.actions.length;
  return {
    href: relHref(from, minutesFile(e)),
    logHref: relHref(from, logFile(e)),
    title: e.title,
    when: when(e.meeting.start, e.meeting.config.timezone),
    chairs: e.chairs.join(', '),
    chairLabel: e.chairs.length === 1 ? 'Chair' : 'Chairs',
    counts: `${plural(decisions, 'decision', 'decisions')}, ${plural(actions, 'action', 'actions')}`,
    showSeries,
    seriesName: e.series.name,
    seriesHref: relHref(from, groupFile(e.series, 'index.html')),
  };
}

/** Meetings by year, newest first (the group's order). */
export function byYear(from: string, meetings: readonly MeetingEntry[], showSeries: boolean): object[] {
  const years: { year: string; id: string; meetings: object[] }[] = [];
  for (const e of meetings) {
    const year = when(e.meeting.start, e.meeting.config.timezone).date.slice(0, 4);
    let y = years[years.length - 1];
    if (y === undefined || y.year !== year) {
      y = { year, id: `y-${year}`, meetings: [] };
      years.push(y);
    }
    y.meetings.push(meetingRow(from, e, showSeries));
  }
  return years;
}

const KIND_LABEL: Readonly<Record<string, string>> = { AGREED: 'Agreed', ACCEPTED: 'Accepted', REJECTED: 'Rejected', VOTE: 'Vote', ACTION: 'Action' };

/** An item of a decisions or actions page: its text, who said it, and its time linking to its line in the log. */
export function itemRow(from: string, e: MeetingEntry, item: ItemView, extra: { owners?: readonly string[]; status?: string } = {}): object {
  return {
    kind: extra.status ?? KIND_LABEL[item.kind] ?? item.kind,
    kindClass: extra.status !== undefined ? `k-${extra.status}` : `k-${item.kind.toLowerCase()}`,
    parts: textParts(item.text),
    nick: visibleText(item.nick),
    owners: (extra.owners ?? []).map(visibleText).join(', '),
    hasOwners: (extra.owners ?? []).length > 0,
    href: relHref(from, logFile(e), `l-${item.line}`),
    iso: isoInstant(item.time),
    hms: item.hms,
  };
}
