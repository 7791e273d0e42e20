// #startvote, #vote, #showvote, #endvote: one vote at a time, each voter's last vote counts.
import type { CommandContext } from './context.js';
import type { Vote } from './state.js';
import { ircLower } from './text.js';

/** `Should we ship? Yes, No, Maybe` → question up to `?`, options split on anything but letters, digits, + and -. */
export function parseVote(arg: string): { question: string; options: string[] } | undefined {
  const q = arg.indexOf('?');
  if (q < 0) return undefined;
  const question = arg.slice(0, q + 1).trim();
  const options = arg
    .slice(q + 1)
    .split(/[^\p{L}\p{N}+-]+/u)
    .filter((o) => o !== '');
  return { question, options: options.length > 0 ? dedupe(options) : ['Yes', 'No'] };
}

function dedupe(options: string[]): string[] {
  const seen = new Set<string>();
  return options.filter((o) => {
    const k = o.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function tally(v: Vote): { option: string; voters: string[] }[] {
  const rows = v.options.map((option) => ({ option, voters: [] as string[] }));
  for (const [nick, idx] of v.ballots.values()) rows[idx]?.voters.push(nick);
  return rows;
}

function sayTally(ctx: CommandContext, v: Vote): void {
  for (const row of tally(v)) {
    if (row.voters.length > 0) ctx.reply(`${row.option} (${row.voters.length}): ${row.voters.join(', ')}`);
  }
}

export function startVote(ctx: CommandContext, arg: string): void {
  const current = ctx.m.vote;
  if (current !== undefined) {
    ctx.reply(`Already voting on '${current.question.replace(/\?$/, '')}'`);
    return;
  }
  const parsed = parseVote(arg);
  if (parsed === undefined) {
    ctx.reply('Unable to parse vote topic and options.');
    return;
  }
  ctx.update({ vote: { ...parsed, ballots: new Map() } });
  ctx.reply(`Begin voting on: ${parsed.question} Valid vote options are ${parsed.options.join(', ')}.`);
  ctx.reply("Vote using '#vote OPTION'. Only your last vote counts.");
}

export function vote(ctx: CommandContext, arg: string): void {
  const v = ctx.m.vote;
  if (v === undefined) return;
  const choice = arg.trim();
  const idx = v.options.findIndex((o) => o.toLowerCase() === choice.toLowerCase());
  if (idx < 0) {
    ctx.reply(`${ctx.nick}: ${choice} is not a valid option. Valid options are ${v.options.join(', ')}.`);
    return;
  }
  const ballots = new Map(v.ballots);
  // Re-inserting moves the voter to the end: the tally lists voters in the order of their last vote.
  ballots.delete(ircLower(ctx.nick));
  ballots.set(ircLower(ctx.nick), [ctx.nick, idx]);
  ctx.update({ vote: { ...v, ballots } });
}

export function showVote(ctx: CommandContext): void {
  if (ctx.m.vote !== undefined) sayTally(ctx, ctx.m.vote);
}

export function endVote(ctx: CommandContext): void {
  const v = ctx.m.vote;
  if (v === undefined) return;
  const head = `Voted on "${v.question}" Results are`;
  ctx.reply(head);
  sayTally(ctx, v);
  const counts = tally(v).map((r) => `${r.option}: ${r.voters.length}`);
  ctx.update({ vote: undefined });
  ctx.addItem('VOTE', [head, ...counts].join(', '));
}

/** A voter who changes nick keeps their ballot. */
export function renameVoter(v: Vote, from: string, to: string): Vote {
  const entry = v.ballots.get(ircLower(from));
  if (entry === undefined) return v;
  const ballots = new Map(v.ballots);
  ballots.delete(ircLower(from));
  ballots.set(ircLower(to), [to, entry[1]]);
  return { ...v, ballots };
}
