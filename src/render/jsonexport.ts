// The `.json` export of a whole meeting: meeting, lines, items, votes, attendees, actions; schema in docs/.
import type { MinutesModel } from '../core/minutes.js';
import { chairList, logLines } from '../core/state.js';
import { isoInstant } from '../core/time.js';

/** Bumped when a field changes meaning or goes away; new fields keep the version. */
export const JSON_EXPORT_VERSION = 1;

export function meetingExport(model: MinutesModel): object {
  const m = model.meeting;
  const items = model.items.map((i) => ({
    id: i.id,
    kind: i.kind.toLowerCase(),
    text: i.text,
    nick: i.nick,
    time: isoInstant(i.time),
    line: i.line,
    ...(i.url !== undefined ? { url: i.url } : {}),
    ...(i.ref !== undefined ? { ref: i.ref } : {}),
    ...(i.assignee !== undefined ? { assignee: i.assignee } : {}),
  }));
  return {
    format: 'gavel-meeting',
    version: JSON_EXPORT_VERSION,
    meeting: {
      network: m.config.network,
      channel: m.config.channel,
      name: m.meetingName,
      topic: m.meetingTopic ?? null,
      owner: m.owner,
      chairs: chairList(m),
      start: isoInstant(model.start),
      end: isoInstant(model.end),
      endReason: m.endReason ?? null,
      timezone: model.zone,
      files: { minutes: model.url('.html'), text: model.url('.txt'), log: model.url('.log.html'), rawLog: model.url('.log.txt') },
    },
    lines: logLines(m).map((l, i) => ({ line: i + 1, time: isoInstant(l.time), nick: l.nick, kind: l.kind, text: l.text })),
    items,
    votes: items.filter((i) => i.kind === 'vote'),
    attendees: model.people.map((p) => ({ nick: p.nick, lines: p.count })),
    closed: model.closed.map((c) => ({ ref: c.ref, text: c.text, by: c.by, note: c.note, time: isoInstant(c.time), line: c.line, earlier: c.earlier })),
    actions: {
      byPerson: model.byPerson.map((p) => ({ nick: p.nick, items: p.actions.map((a) => a.id) })),
      unassigned: model.unassigned.map((a) => a.id),
    },
  };
}

export function renderJsonExport(model: MinutesModel): string {
  return `${JSON.stringify(meetingExport(model), null, 2)}\n`;
}

