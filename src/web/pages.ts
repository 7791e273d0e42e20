// The site's HTML pages as rendered strings: home, channel and series indexes, decisions, actions, latest, search.
import { renderHtml } from '../render/templates.js';
import type { MinutesSiteView } from '../render/html.js';
import { neighbours, type Group, type MeetingEntry, type SiteModel } from './model.js';
import {
  byYear, groupCrumbs, groupFile, itemRow, meetingRow, minutesFile, pageView, plural, ROOT_FILES, siteTitle, when,
  type SiteOptions,
} from './layout.js';
import { relHref } from './paths.js';

function groupSummary(from: string, g: Group): object {
  const latest = g.meetings[0];
  if (latest === undefined) throw new Error(`group ${g.dir} has no meeting`);
  return {
    name: g.name,
    href: relHref(from, groupFile(g, 'index.html')),
    channelName: g.channelName,
    count: plural(g.meetings.length, 'meeting', 'meetings'),
    latest: meetingRow(from, latest, false),
    decisionsHref: relHref(from, groupFile(g, 'decisions.html')),
    actionsHref: relHref(from, groupFile(g, 'actions.html')),
    feedHref: relHref(from, groupFile(g, 'meetings.atom')),
  };
}

export function homePage(site: SiteModel, opts: SiteOptions): string {
  const path = ROOT_FILES.home;
  return renderHtml('site/home.html.hbs', {
    page: pageView(path, opts, siteTitle(opts), []),
    summary: `${plural(site.meetings.length, 'meeting', 'meetings')} in ${plural(site.channels.length, 'channel', 'channels')}`,
    channels: site.channels.map((g) => groupSummary(path, g)),
    series: site.series.map((g) => groupSummary(path, g)),
    hasMeetings: site.meetings.length > 0,
  });
}

/** A channel's or a series' index: its meetings by year, newest first, and its other pages. */
export function groupPage(site: SiteModel, g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'index.html');
  const series = g.kind === 'channel' ? site.series.filter((s) => s.parent === g) : [];
  return renderHtml('site/group.html.hbs', {
    page: pageView(path, opts, g.name, groupCrumbs(g), g),
    group: groupLinks(path, g),
    isChannel: g.kind === 'channel',
    series: series.map((s) => groupSummary(path, s)),
    hasSeries: series.length > 1,
    years: byYear(path, g.meetings, g.kind === 'channel'),
  });
}

function groupLinks(path: string, g: Group): object {
  return {
    name: g.name,
    eyebrow: g.kind === 'channel' ? 'Channel' : `Meeting series · ${g.channelName}`,
    count: plural(g.meetings.length, 'meeting', 'meetings'),
    indexHref: relHref(path, groupFile(g, 'index.html')),
    latestHref: relHref(path, groupFile(g, 'latest.html')),
    decisionsHref: relHref(path, groupFile(g, 'decisions.html')),
    actionsHref: relHref(path, groupFile(g, 'actions.html')),
    meetingsFeedHref: relHref(path, groupFile(g, 'meetings.atom')),
    decisionsFeedHref: relHref(path, groupFile(g, 'decisions.atom')),
  };
}

/** A stable address for the newest meeting: a redirect that also works opened from disk. */
export function latestPage(g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'latest.html');
  const latest = g.meetings[0];
  if (latest === undefined) throw new Error(`group ${g.dir} has no meeting`);
  return renderHtml('site/latest.html.hbs', {
    page: pageView(path, opts, `Latest meeting of ${g.name}`, groupCrumbs(g, 'Latest meeting')),
    group: groupLinks(path, g),
    latest: meetingRow(path, latest, false),
  });
}

function meetingHeading(path: string, e: MeetingEntry): object {
  return { href: relHref(path, minutesFile(e)), title: e.title, when: when(e.meeting.start, e.meeting.config.timezone) };
}

/** Every decision of the group, by meeting, newest meeting first; items in the order they were said. */
export function decisionsPage(g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'decisions.html');
  const meetings = g.meetings
    .filter((e) => e.decisions.length > 0)
    .map((e) => ({ ...meetingHeading(path, e), items: e.decisions.map((d) => itemRow(path, e, d)) }));
  const total = meetings.reduce((n, m) => n + m.items.length, 0);
  return renderHtml('site/items.html.hbs', {
    page: pageView(path, opts, `Decisions of ${g.name}`, groupCrumbs(g, 'Decisions'), g),
    group: groupLinks(path, g),
    heading: 'Decisions',
    intro: `Every #agreed, #accepted, #rejected and vote result: ${plural(total, 'decision', 'decisions')}.`,
    empty: 'No decisions were recorded yet.',
    meetings,
  });
}

/** Action items still open, by meeting, newest meeting first. */
export function actionsPage(g: Group, opts: SiteOptions): string {
  const path = groupFile(g, 'actions.html');
  const meetings = g.meetings
    .map((e) => ({
      ...meetingHeading(path, e),
      items: e.actions.filter((a) => a.status === 'open').map((a) => itemRow(path, e, a.item, { owners: a.owners, status: a.status })),
    }))
    .filter((m) => m.items.length > 0);
  const total = meetings.reduce((n, m) => n + m.items.length, 0);
  return renderHtml('site/items.html.hbs', {
    page: pageView(path, opts, `Open action items of ${g.name}`, groupCrumbs(g, 'Open action items'), g),
    group: groupLinks(path, g),
    heading: 'Open action items',
    intro: `${plural(total, 'open action item', 'open action items')}.`,
    empty: 'No open action items.',
    meetings,
  });
}

/** The search page: a plain GET form; search.js asks `api/search` when `gavel serve` serves the site. */
export function searchPage(site: SiteModel, opts: SiteOptions): string {
  const path = ROOT_FILES.search;
  return renderHtml('site/search.html.hbs', {
    page: pageView(path, opts, 'Search', [{ text: 'Home', path: ROOT_FILES.home }, { text: 'Search' }]),
    channels: site.channels.map((g) => ({ value: g.meetings[0]?.meeting.config.channel ?? g.name, text: g.name })),
    kinds: ['agreed', 'accepted', 'rejected', 'vote', 'action', 'info', 'idea', 'link', 'topic', 'line'],
  });
}

function neighbourView(from: string, e: MeetingEntry | undefined): object | false {
  if (e === undefined) return false;
  return { href: relHref(from, minutesFile(e)), title: e.title, date: when(e.meeting.start, e.meeting.config.timezone).date };
}

/** The stylesheet and navigation the site adds to a meeting's MeetBot-path minutes page. */
export function minutesSiteView(e: MeetingEntry): MinutesSiteView {
  const path = minutesFile(e);
  const inSeries = neighbours(e.series, e);
  const inChannel = neighbours(e.channel, e);
  const sameNeighbours = inSeries.older === inChannel.older && inSeries.newer === inChannel.newer;
  return {
    cssHref: relHref(path, ROOT_FILES.css),
    iconHref: relHref(path, ROOT_FILES.icon),
    nav: {
      homeHref: relHref(path, ROOT_FILES.home),
      searchHref: relHref(path, ROOT_FILES.search),
      channelName: e.channel.name,
      channelHref: relHref(path, groupFile(e.channel, 'index.html')),
      seriesName: e.series.name,
      seriesHref: relHref(path, groupFile(e.series, 'index.html')),
      series: { label: sameNeighbours ? 'In this series and channel' : 'In this series', older: neighbourView(path, inSeries.older), newer: neighbourView(path, inSeries.newer) },
      channel: { label: `In ${e.channel.name}`, older: neighbourView(path, inChannel.older), newer: neighbourView(path, inChannel.newer) },
      showChannel: !sameNeighbours,
    },
  };
}
