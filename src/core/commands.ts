// The one command table: names, aliases, who may use each, help text and handler.
import type { CommandContext } from './context.js';
import { findUrl } from './links.js';
import { sanitiseMeetingName } from './names.js';
import { chairList, sameNick } from './state.js';
import type { ItemKind } from './types.js';
import { edit, takeover, undo } from './corrections.js';
import { actionRef, assign, done, listActions } from './tracking.js';
import { endVote, showVote, startVote, vote } from './votes.js';

export type Who = 'anyone' | 'chair' | 'chair-or-overtime' | 'admin';

export interface CommandSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly who: Who;
  readonly args: string;
  readonly help: string;
  /** Said to a non-chair instead of silence, where MeetBot did so. */
  readonly deniedReply?: string;
  readonly run: (ctx: CommandContext, arg: string) => void;
}

/** `a, b c` → [a, b, c], as MeetBot split #chair and #nick arguments. */
export function splitNicks(arg: string): string[] {
  return arg
    .trim()
    .split(/[, ]+/)
    .filter((n) => n !== '');
}

function item(kind: ItemKind): (ctx: CommandContext, arg: string) => void {
  return (ctx, arg) => ctx.addItem(kind, arg);
}

function replyChairs(ctx: CommandContext): void {
  ctx.reply(`Current chairs: ${chairList(ctx.m).join(' ')}`);
}

const TABLE: readonly CommandSpec[] = [
  {
    name: 'startmeeting', aliases: [], who: 'anyone', args: 'NAME',
    help: 'Start a meeting; you become its owner and chair. NAME becomes the meeting topic and name.',
    run: () => undefined, // handled by the step itself: it is the only command without a meeting
  },
  {
    name: 'endmeeting', aliases: [], who: 'chair-or-overtime', args: '',
    help: 'End the meeting and publish the minutes (anyone may, once the scheduled length has passed).',
    run: (ctx) => ctx.end('command'),
  },
  {
    name: 'topic', aliases: [], who: 'chair', args: 'TEXT',
    help: 'Start a new topic; the channel topic shows it.',
    run: (ctx, arg) => {
      ctx.update({ currentTopic: arg });
      ctx.addItem('TOPIC', arg);
      ctx.showTopic();
    },
  },
  {
    name: 'meetingtopic', aliases: [], who: 'chair', args: 'TEXT',
    help: "Set the meeting's overall topic (the minutes' title); 'none' clears it.",
    run: (ctx, arg) => {
      const clear = arg === '' || ['none', 'unset'].includes(arg.toLowerCase());
      ctx.update({ meetingTopic: clear ? undefined : arg });
      ctx.showTopic();
    },
  },
  {
    name: 'meetingname', aliases: [], who: 'chair', args: 'NAME',
    help: 'Rename the meeting (the name of its series).',
    run: (ctx, arg) => {
      if (arg === '') return;
      const name = sanitiseMeetingName(arg);
      ctx.update({ meetingName: name });
      ctx.reply(`The meeting name has been set to '${name}'`);
    },
  },
  { name: 'agreed', aliases: ['agree'], who: 'chair', args: 'TEXT', help: 'Record a decision.', run: item('AGREED') },
  { name: 'accepted', aliases: ['accept'], who: 'chair', args: 'TEXT', help: 'Record an acceptance.', run: item('ACCEPTED') },
  { name: 'rejected', aliases: ['reject'], who: 'chair', args: 'TEXT', help: 'Record a rejection.', run: item('REJECTED') },
  {
    name: 'chair', aliases: [], who: 'chair', args: 'NICK…',
    help: 'Make people chairs (separate nicks by spaces or commas).',
    run: (ctx, arg) => {
      let { chairs, extraNicks } = ctx.m;
      for (const nick of splitNicks(arg)) {
        if (sameNick(nick, ctx.m.owner) || chairs.some((c) => sameNick(c, nick))) continue;
        if (ctx.env.inChannel !== undefined && !ctx.env.inChannel(nick)) {
          ctx.reply(`Warning: Nick not in channel: ${nick}`);
        }
        chairs = [...chairs, nick];
        if (!extraNicks.includes(nick)) extraNicks = [...extraNicks, nick];
        ctx.update({ chairs, extraNicks });
      }
      replyChairs(ctx);
    },
  },
  {
    name: 'unchair', aliases: [], who: 'chair', args: 'NICK…',
    help: 'Remove chairs; the owner always stays chair.',
    run: (ctx, arg) => {
      const gone = splitNicks(arg);
      ctx.update({ chairs: ctx.m.chairs.filter((c) => !gone.some((g) => sameNick(g, c))) });
      replyChairs(ctx);
    },
  },
  {
    name: 'undo', aliases: [], who: 'chair', args: '[ID]',
    help: 'Remove an item from the minutes: the newest, or the one numbered ID (5, or A12 for an action).',
    run: undo,
  },
  {
    name: 'edit', aliases: [], who: 'chair', args: 'ID TEXT',
    help: 'Replace the text of item ID (5, or A12 for an action); the log keeps both.',
    run: edit,
  },
  {
    name: 'done', aliases: [], who: 'anyone', args: 'A12 [NOTE]',
    help: "Close an action item of this meeting's series (your own, or any as a chair).",
    run: done,
  },
  {
    name: 'actions', aliases: [], who: 'anyone', args: '[NICK]',
    help: "List the series' open action items (of one person, with NICK).",
    run: listActions,
  },
  {
    name: 'assign', aliases: [], who: 'chair', args: 'A12 NICK',
    help: 'Give an action item of this meeting to someone.',
    run: assign,
  },
  {
    name: 'takeover', aliases: [], who: 'admin', args: '',
    help: "Become the meeting's owner (the previous owner stays a chair); for the configured admins.",
    run: takeover,
  },
  { name: 'save', aliases: [], who: 'chair', args: '', help: 'Write the minutes and log now.', run: (ctx) => ctx.write('save') },
  { name: 'lurk', aliases: [], who: 'chair', args: '', help: 'Stop replying and changing the topic.', run: (ctx) => ctx.update({ lurk: true }) },
  { name: 'unlurk', aliases: [], who: 'chair', args: '', help: 'Reply and change the topic again.', run: (ctx) => ctx.update({ lurk: false }) },
  {
    name: 'restrictlogs', aliases: [], who: 'chair', args: '',
    help: "Make this meeting's files readable by their owner only.",
    run: (ctx) => ctx.update({ restrictLogs: true }),
  },
  {
    name: 'startvote', aliases: [], who: 'chair', args: 'QUESTION? OPTION, OPTION…',
    help: 'Start a vote; options default to Yes, No.',
    deniedReply: 'Only the meeting chair may start a vote.',
    run: startVote,
  },
  { name: 'endvote', aliases: [], who: 'chair', args: '', help: 'End the vote and record its result.', run: endVote },
  { name: 'showvote', aliases: [], who: 'anyone', args: '', help: 'Show the votes so far.', run: showVote },
  { name: 'vote', aliases: [], who: 'anyone', args: 'OPTION', help: 'Vote; only your last vote counts.', run: vote },
  {
    name: 'action', aliases: [], who: 'anyone', args: 'TEXT',
    help: 'Record an action item; name the people who will do it. It gets a number in its series (A12).',
    run: (ctx, arg) => {
      const n = ctx.m.tracking.nextAction;
      ctx.addItem('ACTION', arg, { ref: actionRef(n) });
      ctx.update({ tracking: { ...ctx.m.tracking, nextAction: n + 1 } });
    },
  },
  { name: 'info', aliases: [], who: 'anyone', args: 'TEXT', help: 'Record a piece of information.', run: item('INFO') },
  { name: 'idea', aliases: [], who: 'anyone', args: 'TEXT', help: 'Record an idea.', run: item('IDEA') },
  { name: 'help', aliases: ['halp'], who: 'anyone', args: 'TEXT', help: 'Record a call for help.', run: item('HELP') },
  {
    name: 'link', aliases: [], who: 'anyone', args: 'URL [TEXT]',
    help: 'Record a link (a line that starts with a URL is one too).',
    run: (ctx, arg) => ctx.addItem('LINK', arg, { url: findUrl(arg) }),
  },
  {
    name: 'nick', aliases: [], who: 'anyone', args: 'NICK…',
    help: 'Add people to the attendees, so that action items can name them.',
    run: (ctx, arg) => {
      const add = splitNicks(arg).filter((n) => !ctx.m.extraNicks.includes(n));
      if (add.length > 0) ctx.update({ extraNicks: [...ctx.m.extraNicks, ...add] });
    },
  },
  {
    name: 'commands', aliases: [], who: 'anyone', args: '',
    help: 'List the commands.',
    run: (ctx) => ctx.reply(`Available commands: ${allCommandWords().map((w) => `#${w}`).join(' ')}`),
  },
];

export const COMMANDS: readonly CommandSpec[] = TABLE;

const BY_WORD = new Map<string, CommandSpec>();
for (const spec of TABLE) for (const w of [spec.name, ...spec.aliases]) BY_WORD.set(w, spec);

export function lookupCommand(word: string): CommandSpec | undefined {
  return BY_WORD.get(word);
}

/** Every name and alias, sorted, as #commands lists them. */
export function allCommandWords(): string[] {
  return [...BY_WORD.keys()].sort();
}

const KIND_COMMAND: Record<ItemKind, string> = {
  TOPIC: 'topic', INFO: 'info', ACTION: 'action', AGREED: 'agreed', ACCEPTED: 'accepted',
  REJECTED: 'rejected', IDEA: 'idea', HELP: 'help', LINK: 'link', VOTE: 'endvote',
};

export function commandOfKind(kind: ItemKind): string {
  return KIND_COMMAND[kind];
}

/** `#word rest`: MeetBot's `^#(\w+)\s*(.*)` with an ASCII \w, the word lower-cased. */
export function parseCommand(text: string): { word: string; arg: string } | undefined {
  const m = /^#([A-Za-z0-9_]+)\s*([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  return { word: (m[1] ?? '').toLowerCase(), arg: m[2] ?? '' };
}
