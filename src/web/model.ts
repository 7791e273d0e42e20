// The site's model: meetings grouped by channel and by series (channel + meeting name), with their decisions and actions.
import type { Meeting } from '../core/state.js';
import { chairList } from '../core/state.js';
import { minutesModel, type ItemView, type MinutesModel } from '../core/minutes.js';
import { ircLower } from '../core/text.js';
import type { ItemKind } from '../core/types.js';
import { sanitiseMeetingName } from '../core/names.js';
import { visibleText } from '../render/ircformat.js';
import { channelDirName, seriesDirName } from './paths.js';

/** One meeting handed to the site builder: the store's id and the ended meeting. */
export interface SiteMeeting {
  readonly id: number;
  readonly meeting: Meeting;
  /**
   * Optional: a string that changes whenever the meeting's lines change (the store's last event id).
   * With it a rebuild need not read every line to know the meeting's files are as they were.
   */
  readonly revision?: string;
}

/** Decisions as the site lists them: what was agreed, accepted, rejected or voted. */
export const DECISION_KINDS: ReadonlySet<ItemKind> = new Set<ItemKind>(['AGREED', 'ACCEPTED', 'REJECTED', 'VOTE']);

/** An action is done once any meeting of its series closed it with #done. */
export type ActionStatus = 'open' | 'done';

export interface SiteAction {
  readonly item: ItemView;
  /** People the action names (the minutes' "by person" rule); empty when unassigned. */
  readonly owners: readonly string[];
  readonly status: ActionStatus;
}

export interface MeetingEntry {
  readonly id: number;
  readonly revision: string | undefined;
  readonly meeting: Meeting;
  readonly model: MinutesModel;
  /** MeetBot's base path, relative to the site root: `opencontainers/2018/opencontainers.2018-03-07-22.00`. */
  readonly base: string;
  /** The meeting topic, else its name: what an index shows as its title (visible text). */
  readonly title: string;
  readonly chairs: readonly string[];
  readonly decisions: readonly ItemView[];
  readonly actions: readonly SiteAction[];
  channel: Group;
  series: Group;
}

export interface Group {
  readonly kind: 'channel' | 'series';
  readonly key: string;
  /** The group's folder relative to the site root: `opencontainers` or `opencontainers/series/weekly`. */
  readonly dir: string;
  /** `#opencontainers` or the meeting name, as visible text. */
  readonly name: string;
  /** The channel's display name (for a series, its channel's). */
  readonly channelName: string;
  /** Newest first. */
  readonly meetings: MeetingEntry[];
  /** For a series: its channel. */
  readonly parent: Group | undefined;
}

export interface SiteModel {
  /** Newest first. */
  readonly meetings: readonly MeetingEntry[];
  /** By name. */
  readonly channels: readonly Group[];
  /** Newest latest meeting first. */
  readonly series: readonly Group[];
  /** Meetings left out, and why. */
  readonly warnings: string[];
}

function entry(sm: SiteMeeting): Omit<MeetingEntry, 'channel' | 'series'> {
  const m = sm.meeting;
  const model = minutesModel(m);
  const owners = new Map<number, string[]>();
  for (const p of model.byPerson) for (const a of p.actions) owners.set(a.id, [...(owners.get(a.id) ?? []), p.nick]);
  return {
    id: sm.id,
    revision: sm.revision,
    meeting: m,
    model,
    base: model.basePath,
    title: visibleText(m.meetingTopic ?? m.meetingName),
    chairs: chairList(m).map(visibleText),
    decisions: model.items.filter((i) => DECISION_KINDS.has(i.kind)),
    // Open until the series is known: siteModel marks those a meeting of the series closed.
    actions: model.actions.map((item) => ({ item, owners: owners.get(item.id) ?? [], status: 'open' as ActionStatus })),
  };
}

function channelKey(m: Meeting): string {
  return `${m.config.network}\n${ircLower(m.config.channel)}`;
}

const newestFirst = (a: MeetingEntry, b: MeetingEntry): number => b.meeting.start - a.meeting.start || b.id - a.id;

/**
 * Groups the meetings. Meetings kept private with #restrictlogs are left out of the site altogether:
 * their files are for their owner, and an index must not link to what a visitor cannot open.
 */
export function siteModel(input: readonly SiteMeeting[]): SiteModel {
  const channels = new Map<string, Group>();
  const series = new Map<string, Group>();
  const usedDirs = new Set<string>();
  const warnings: string[] = [];
  // Two meetings at one path (started in the same minute): MeetBot kept the last written; the site keeps the newer id.
  const byBase = new Map<string, MeetingEntry>();
  for (const sm of [...input].sort((a, b) => b.id - a.id)) {
    if (sm.meeting.restrictLogs) continue;
    const e = entry(sm) as MeetingEntry;
    const kept = byBase.get(e.base);
    if (kept !== undefined) warnings.push(`meeting ${e.id} is left out: meeting ${kept.id} has the same files (${e.base})`);
    else byBase.set(e.base, e);
  }
  const entries = [...byBase.values()].sort(newestFirst);
  // Channels get their folders in name order, so which of two clashing names gets `-2` does not depend on input order.
  const byChannelKey = [...entries].sort((a, b) => (channelKey(a.meeting) < channelKey(b.meeting) ? -1 : 1));
  const networks = new Set(entries.map((e) => e.meeting.config.network));
  for (const e of byChannelKey) {
    const key = channelKey(e.meeting);
    if (channels.has(key)) continue;
    const base = channelDirName(e.meeting.config.channel);
    let dir = base;
    for (let n = 2; usedDirs.has(dir); n++) dir = `${base}-${n}`;
    usedDirs.add(dir);
    // The same channel name on two networks is two channels; the network is shown only when it tells them apart.
    const shown = networks.size > 1 ? `${e.meeting.config.channel} (${e.meeting.config.network})` : e.meeting.config.channel;
    const name = visibleText(shown);
    channels.set(key, { kind: 'channel', key, dir, name, channelName: name, meetings: [], parent: undefined });
  }
  for (const e of entries) {
    const channel = channels.get(channelKey(e.meeting));
    if (channel === undefined) throw new Error(`no channel group for ${e.meeting.config.channel}`);
    const name = sanitiseMeetingName(e.meeting.meetingName);
    const key = `${channel.key}\n${name}`;
    let s = series.get(key);
    if (s === undefined) {
      s = {
        kind: 'series', key, dir: `${channel.dir}/series/${seriesDirName(name)}`, name: visibleText(e.meeting.meetingName),
        channelName: channel.name, meetings: [], parent: channel,
      };
      series.set(key, s);
    }
    channel.meetings.push(e);
    s.meetings.push(e);
    e.channel = channel;
    e.series = s;
  }
  for (const s of series.values()) {
    const closed = new Set(s.meetings.flatMap((e) => e.meeting.tracking.closed.map((c) => c.ref)));
    if (closed.size === 0) continue;
    for (const e of s.meetings) {
      (e as { actions: readonly SiteAction[] }).actions = e.actions.map((a) =>
        a.item.ref !== undefined && closed.has(a.item.ref) ? { ...a, status: 'done' } : a,
      );
    }
  }
  return {
    meetings: entries,
    channels: [...channels.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    series: [...series.values()].sort((a, b) => newestFirst(a.meetings[0]!, b.meetings[0]!)),
    warnings,
  };
}

/** The meetings before and after this one in a group (older and newer). */
export function neighbours(group: Group, e: MeetingEntry): { older: MeetingEntry | undefined; newer: MeetingEntry | undefined } {
  const i = group.meetings.indexOf(e);
  return { older: group.meetings[i + 1], newer: i > 0 ? group.meetings[i - 1] : undefined };
}
