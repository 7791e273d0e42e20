// Action items across a series: numbers, #done, #actions, #assign, the open list at the start, and the length reminder.
import type { CommandContext } from './context.js';
import { nickMatcher } from './nicks.js';
import { itemsOf, logOf, sameNick, type Closure, type Meeting } from './state.js';
import { isoDate } from './time.js';
import { NO_SERIES, type Item, type OpenAction, type SeriesContext } from './types.js';

/** Replies of one listing: more than this and the rest is a link or a count (never a flood). */
export const MAX_LIST_LINES = 10;

const REF = /^A(\d+)$/i;

/** `a012` → `A12`. */
function normalRef(text: string): string {
  return actionRef(Number(text.slice(1)));
}

export function actionRef(n: number): string {
  return `A${n}`;
}

/** The meeting's tracking once its series is known (at #startmeeting, after its name is set). */
export function withSeries(m: Meeting, series: SeriesContext | undefined): Meeting {
  const s = series ?? NO_SERIES;
  return { ...m, tracking: { ...m.tracking, series: s, nextAction: s.nextAction } };
}

function isClosed(m: Meeting, ref: string): boolean {
  return m.tracking.closed.some((c) => c.ref === ref);
}

/** Every action still open: the series' earlier ones, then this meeting's, minus those closed here. */
export function openActions(m: Meeting): OpenAction[] {
  const here: OpenAction[] = itemsOf(m)
    .filter((i): i is Item & { ref: string } => i.kind === 'ACTION' && i.ref !== undefined)
    .map((i) => ({ ref: i.ref, text: i.text, nick: i.nick, time: i.time, assignee: i.assignee }));
  return [...m.tracking.series.open, ...here].filter((a) => !isClosed(m, a.ref));
}

/** Whether an action is `nick`'s: given to them, recorded by them, or naming them. */
export function isOwnAction(a: OpenAction, nick: string): boolean {
  if (a.assignee !== undefined) return sameNick(a.assignee, nick) || sameNick(a.nick, nick);
  return sameNick(a.nick, nick) || nickMatcher(nick)(a.text);
}

function describe(a: OpenAction, zone: string): string {
  const who = a.assignee !== undefined ? ` (for ${a.assignee})` : '';
  return `${a.ref} ${a.text}${who} [${isoDate(a.time, zone)}]`;
}

/** At most MAX_LIST_LINES replies: the first actions, then how to see the rest. */
function listLines(actions: readonly OpenAction[], zone: string, rest: (n: number) => string): string[] {
  const shown = actions.length > MAX_LIST_LINES ? actions.slice(0, MAX_LIST_LINES - 1) : actions;
  const lines = shown.map((a) => describe(a, zone));
  if (shown.length < actions.length) lines.push(rest(actions.length - shown.length));
  return lines;
}

/** The replies at #startmeeting when earlier meetings of the series left actions open. */
export function startListing(m: Meeting): string[] {
  const open = m.tracking.series.open;
  if (open.length === 0) return [];
  const url = m.tracking.series.listUrl;
  return [
    `Open action items from earlier meetings (#done A1 to close one):`,
    ...listLines(open, m.config.timezone, (n) => `… and ${n} more${url !== undefined ? `: ${url}` : ' (#actions to list them)'}`),
  ];
}

export function listActions(ctx: CommandContext, arg: string): void {
  const nick = arg.trim().split(/\s+/)[0] ?? '';
  const all = openActions(ctx.m);
  const mine = nick === '' ? all : all.filter((a) => isOwnAction(a, nick));
  if (mine.length === 0) {
    ctx.reply(nick === '' ? 'No open action items.' : `No open action items for ${nick}.`);
    return;
  }
  const url = ctx.m.tracking.series.listUrl;
  ctx.reply(nick === '' ? `Open action items (${mine.length}):` : `Open action items for ${nick} (${mine.length}):`);
  for (const line of listLines(mine, ctx.m.config.timezone, (n) => `… and ${n} more${url !== undefined ? `: ${url}` : ''}`)) ctx.reply(line);
}

export function done(ctx: CommandContext, arg: string): void {
  const [refText = '', ...noteWords] = arg.trim().split(/\s+/);
  if (!REF.test(refText)) {
    ctx.error(`#done takes an action item number such as A12, then an optional note; got '${refText}'`);
    return;
  }
  const ref = normalRef(refText);
  if (isClosed(ctx.m, ref)) {
    ctx.error(`${ref} is already done`);
    return;
  }
  const action = openActions(ctx.m).find((a) => a.ref === ref);
  if (action === undefined) {
    ctx.error(`there is no open action item ${ref} in this series`);
    return;
  }
  if (!ctx.isChair && !isOwnAction(action, ctx.nick)) {
    ctx.error(`only a chair or the people ${ref} names may close it`);
    return;
  }
  const note = noteWords.join(' ');
  const closure: Closure = { ref, text: action.text, by: ctx.nick, time: ctx.time, line: ctx.line, note };
  ctx.update({ tracking: { ...ctx.m.tracking, closed: [...ctx.m.tracking.closed, closure] } });
  ctx.reply(`${ref} is done: ${action.text}${note === '' ? '' : ` (${note})`}`);
}

export function assign(ctx: CommandContext, arg: string): void {
  const [refText = '', nick, ...extra] = arg.trim().split(/\s+/);
  if (!REF.test(refText) || nick === undefined || extra.length > 0) {
    ctx.error(`#assign takes an action item number and one nick, e.g. '#assign A12 alice'`);
    return;
  }
  const ref = normalRef(refText);
  const item = itemsOf(ctx.m).find((i) => i.ref === ref);
  if (item === undefined) {
    const earlier = ctx.m.tracking.series.open.some((a) => a.ref === ref);
    ctx.error(earlier ? `${ref} is from an earlier meeting: close it with #done and record a new #action` : `there is no action item ${ref} in this meeting`);
    return;
  }
  ctx.update({ items: logOf(itemsOf(ctx.m).map((i) => (i === item ? { ...i, assignee: nick } : i))) });
  ctx.reply(`${ref} is assigned to ${nick}: ${item.text}`);
}

/** The reminder a tick gives once the meeting reaches its scheduled length. */
export function reminderDue(m: Meeting, time: number): boolean {
  const ms = m.config.meetingLengthMinutes * 60_000;
  return ms > 0 && !m.tracking.reminded && time - m.start >= ms;
}

export function reminderText(m: Meeting): string {
  return `This meeting has reached its scheduled length of ${m.config.meetingLengthMinutes} minutes; anyone may #endmeeting now.`;
}
