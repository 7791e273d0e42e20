// Atom feeds (RFC 4287) of a channel's or series' meetings and decisions: stable ids, one entry per meeting or decision.
import { createHash } from 'node:crypto';
import { GAVEL_VERSION } from '../core/config.js';
import { isoInstant } from '../core/time.js';
import { visibleText } from '../render/ircformat.js';
import { renderHtml } from '../render/templates.js';
import { groupFile, logFile, minutesFile, plural, when, type SiteOptions } from './layout.js';
import type { Group, MeetingEntry } from './model.js';
import { absoluteUrl, relHref } from './paths.js';

/**
 * A name-based UUID (version 5 layout, SHA-1) as a URN: an id that is the same on every rebuild and
 * wherever the site is published, which Atom asks of entry ids.
 */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`gavel:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function meetingKey(e: MeetingEntry): string {
  return `${e.meeting.config.network}/${e.meeting.config.channel}/${e.meeting.start}`;
}

/** Absolute under the published prefix; otherwise relative to the feed file (readers resolve it against the feed's address). */
function linkTo(feedPath: string, opts: SiteOptions, target: string, fragment?: string): string {
  const abs = absoluteUrl(opts.urlPrefix, target);
  if (abs !== undefined) return fragment === undefined ? abs : `${abs}#${fragment}`;
  return relHref(feedPath, target, fragment);
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const MAX_TITLE = 120;

function shorten(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_TITLE ? text : `${chars.slice(0, MAX_TITLE - 1).join('')}…`;
}

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly updated: number;
  readonly published: number;
  readonly author: string;
  readonly href: string;
  readonly contentType: 'html' | 'text';
  readonly content: string;
}

function feed(g: Group, opts: SiteOptions, which: 'meetings' | 'decisions', title: string, entries: Entry[]): string {
  const path = groupFile(g, which === 'meetings' ? 'meetings.atom' : 'decisions.atom');
  const page = groupFile(g, which === 'meetings' ? 'index.html' : 'decisions.html');
  // The feed changed when its newest entry did (a feed with no entry: when its group's newest meeting
  // ended), so a rebuild that adds nothing to a group leaves its feeds byte for byte as they were.
  // The build time is only for a group without meetings, which the site never has.
  const since = g.meetings[0]?.model.end ?? opts.generatedAt;
  const updated = entries.reduce((t, e) => Math.max(t, e.updated), entries.length > 0 ? 0 : since);
  return renderHtml('site/feed.atom.hbs', {
    id: stableId(`feed/${which}/${g.key}`),
    title,
    updated: isoInstant(updated),
    selfHref: linkTo(path, opts, path),
    htmlHref: linkTo(path, opts, page),
    version: GAVEL_VERSION,
    entries: entries.map((e) => ({ ...e, updated: isoInstant(e.updated), published: isoInstant(e.published) })),
  });
}

export function meetingsFeed(g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'meetings.atom');
  const entries = g.meetings.map((e): Entry => {
    const w = when(e.meeting.start, e.meeting.config.timezone);
    const content = renderHtml('site/feed-meeting.html.hbs', {
      when: w,
      chairs: e.chairs.join(', '),
      counts: capitalise(`${plural(e.decisions.length, 'decision', 'decisions')}, ${plural(e.actions.length, 'action item', 'action items')}`),
      topics: e.model.items.filter((i) => i.kind === 'TOPIC').map((i) => visibleText(i.text)),
      decisions: e.decisions.map((i) => visibleText(`${i.kind}: ${i.text}`)),
      actions: e.actions.map((a) => visibleText(a.item.text)),
    });
    return {
      id: stableId(`meeting/${meetingKey(e)}`),
      title: `${e.title} (${w.date})`,
      updated: e.model.end,
      published: e.meeting.start,
      author: visibleText(e.meeting.owner),
      href: linkTo(path, opts, minutesFile(e)),
      contentType: 'html',
      content,
    };
  });
  return feed(g, opts, 'meetings', `Meetings of ${g.name}`, entries);
}

/** Newest decision first. */
export function decisionsFeed(g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'decisions.atom');
  const entries = g.meetings.flatMap((e) =>
    e.decisions.map((d): Entry => {
      const text = visibleText(d.text);
      const w = when(d.time, e.meeting.config.timezone);
      return {
        id: stableId(`decision/${meetingKey(e)}/${d.id}`),
        title: shorten(`${d.kind.charAt(0)}${d.kind.slice(1).toLowerCase()}: ${text}`),
        updated: d.time,
        published: d.time,
        author: visibleText(d.nick),
        href: linkTo(path, opts, logFile(e), `l-${d.line}`),
        contentType: 'text',
        content: `${text}\n\n${visibleText(d.nick)}, ${w.longDate} ${w.time} ${w.zone}, in ${e.title}`,
      };
    }),
  );
  entries.sort((a, b) => b.updated - a.updated);
  return feed(g, opts, 'decisions', `Decisions of ${g.name}`, entries);
}
