// The minutes view model: everything the text, HTML, Markdown and JSON outputs show, computed once.
import { meetingUrls } from './step.js';
import { nickMatcher } from './nicks.js';
import { itemsOf, logLines, type Meeting } from './state.js';
import { compareCodePoints } from './text.js';
import { hms, zoneAbbrev } from './time.js';
import type { Item, LoggedLine } from './types.js';

export interface ItemView extends Item {
  /** `ACTION: ` before the text in MeetBot's text minutes; empty for topics and info. */
  readonly label: string;
  readonly hms: string;
}

export interface TopicGroup {
  /** Undefined for the items said before the first topic. */
  readonly topic: ItemView | undefined;
  readonly items: readonly ItemView[];
}

export interface PersonActions {
  readonly nick: string;
  readonly actions: readonly ItemView[];
}

export interface Attendee {
  readonly nick: string;
  readonly count: number;
}

/** An action item closed by #done in this meeting. */
export interface ClosureView {
  readonly ref: string;
  readonly text: string;
  readonly by: string;
  readonly note: string;
  readonly hms: string;
  readonly time: number;
  readonly line: number;
  /** Recorded in an earlier meeting of the series (not in this one). */
  readonly earlier: boolean;
}

export interface MinutesModel {
  readonly meeting: Meeting;
  readonly channel: string;
  /** `#channel: meeting topic`, or `#channel Meeting` without one. */
  readonly title: string;
  readonly owner: string;
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly startHms: string;
  readonly endHms: string;
  readonly startZone: string;
  readonly endZone: string;
  readonly basePath: string;
  readonly url: (ext: string) => string;
  readonly groups: readonly TopicGroup[];
  readonly items: readonly ItemView[];
  readonly actions: readonly ItemView[];
  readonly byPerson: readonly PersonActions[];
  readonly unassigned: readonly ItemView[];
  readonly people: readonly Attendee[];
  readonly lineCount: number;
  readonly closed: readonly ClosureView[];
}

function byNickCaseless(a: string, b: string): number {
  return compareCodePoints(a.toLowerCase(), b.toLowerCase()) || compareCodePoints(a, b);
}

/** Every nick that said a line (the bot too) and every nick named by #chair or #nick, with lines said. */
export function attendees(m: Meeting): Attendee[] {
  const counts = new Map<string, number>();
  const lines = logLines(m);
  // An index loop: for-of allocates an iterator result per line until the loop is optimised.
  for (let i = 0; i < lines.length; i++) {
    const nick = (lines[i] as LoggedLine).nick;
    counts.set(nick, (counts.get(nick) ?? 0) + 1);
  }
  for (const n of m.extraNicks) if (!counts.has(n)) counts.set(n, 0);
  // Most lines first; MeetBot's tie order was arbitrary, Gavel's is alphabetical.
  return [...counts]
    .map(([nick, count]) => ({ nick, count }))
    .sort((a, b) => b.count - a.count || byNickCaseless(a.nick, b.nick));
}

function view(item: Item, zone: string): ItemView {
  const label = item.kind === 'TOPIC' || item.kind === 'INFO' ? '' : `${item.kind}: `;
  // Written out, as `{ ...item, label, hms }` makes it (url only where the item has one): items come
  // in two shapes, and a spread of mixed shapes takes V8's slow path, a millisecond per thousand items.
  const { id, kind, text, nick, time, line } = item;
  const at = hms(time, zone);
  // Actions (ref, assignee) are few: the spread's slow path costs nothing there.
  if ('ref' in item || 'assignee' in item) return { ...item, label, hms: at };
  return 'url' in item
    ? { id, kind, text, nick, time, line, url: item.url, label, hms: at }
    : { id, kind, text, nick, time, line, label, hms: at };
}

const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * The actions that name the nick. Between ASCII texts and nicks, ignoring case is ASCII lower-casing,
 * so an action whose lower-cased text lacks the lower-cased nick is passed over without the
 * matcher (a dozen attendees times hundreds of actions).
 */
function actionsNaming(nick: string, actions: readonly ItemView[], lowered: readonly (string | undefined)[]): ItemView[] {
  const matches = nickMatcher(nick);
  const lowNick = ASCII_RE.test(nick) ? nick.toLowerCase() : undefined;
  return actions.filter((a, i) => {
    const low = lowered[i];
    if (lowNick !== undefined && low !== undefined && !low.includes(lowNick)) return false;
    return matches(a.text);
  });
}

export function minutesModel(m: Meeting): MinutesModel {
  const zone = m.config.timezone;
  const end = m.end ?? m.lastTime;
  const items = itemsOf(m).map((i) => view(i, zone));
  const groups: { topic: ItemView | undefined; items: ItemView[] }[] = [];
  for (const it of items) {
    if (it.kind === 'TOPIC') groups.push({ topic: it, items: [] });
    else {
      let g = groups[groups.length - 1];
      if (g === undefined) {
        g = { topic: undefined, items: [] };
        groups.push(g);
      }
      g.items.push(it);
    }
  }
  const actions = items.filter((i) => i.kind === 'ACTION');
  const people = attendees(m);
  const assigned = new Set<number>();
  const byPerson: PersonActions[] = [];
  const lowered = actions.map((a) => (ASCII_RE.test(a.text) ? a.text.toLowerCase() : undefined));
  for (const nick of people.map((p) => p.nick).sort(byNickCaseless)) {
    const mine = actionsNaming(nick, actions, lowered);
    if (mine.length === 0) continue;
    mine.forEach((a) => assigned.add(a.id));
    byPerson.push({ nick, actions: mine });
  }
  const title = m.meetingTopic !== undefined ? `${m.config.channel}: ${m.meetingTopic}` : `${m.config.channel} Meeting`;
  const { base, url } = meetingUrls(m);
  return {
    meeting: m,
    channel: m.config.channel,
    title,
    owner: m.owner,
    start: m.start,
    end,
    zone,
    startHms: hms(m.start, zone),
    endHms: hms(end, zone),
    startZone: zoneAbbrev(m.start, zone),
    endZone: zoneAbbrev(end, zone),
    basePath: base,
    url,
    groups,
    items,
    actions,
    byPerson,
    unassigned: actions.filter((a) => !assigned.has(a.id)),
    people,
    lineCount: m.log.length,
    closed: m.tracking.closed.map((c) => ({
      ...c,
      hms: hms(c.time, zone),
      earlier: !items.some((i) => i.ref === c.ref),
    })),
  };
}
