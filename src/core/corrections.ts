// Corrections by chairs, any item and not only the last: #undo ID, #edit ID TEXT; the log keeps every command as typed.
import { commandOfKind } from './commands.js';
import type { CommandContext } from './context.js';
import { itemsOf, logOf, sameNick } from './state.js';
import type { Item } from './types.js';

/** An item by its number in the meeting (`5`, `#5`) or, for an action, its series number (`A12`). */
export function findItem(items: readonly Item[], id: string): Item | undefined {
  const t = id.trim();
  if (/^A\d+$/i.test(t)) return items.find((i) => i.ref === `A${Number(t.slice(1))}`);
  const m = /^#?(\d+)$/.exec(t);
  return m === null ? undefined : items.find((i) => i.id === Number(m[1]));
}

function describe(i: Item): string {
  return `#${commandOfKind(i.kind)} ${i.ref !== undefined ? `${i.ref} ` : ''}${i.text}`;
}

export function undo(ctx: CommandContext, arg: string): void {
  const id = arg.trim();
  const items = itemsOf(ctx.m);
  const target = id === '' ? items[items.length - 1] : findItem(items, id);
  if (target === undefined) {
    if (id !== '') ctx.error(`there is no item ${id} in this meeting's minutes (items are numbered 1, 2, …; actions A1, A2, …)`);
    return;
  }
  ctx.update({ items: logOf(items.filter((i) => i !== target)) });
  ctx.reply(`Removing item from minutes: ${describe(target)}`);
}

export function edit(ctx: CommandContext, arg: string): void {
  const m = /^(\S+)\s+([\s\S]*\S)\s*$/.exec(arg.trim());
  const items = itemsOf(ctx.m);
  const target = m?.[1] === undefined ? undefined : findItem(items, m[1]);
  if (m === null || m[2] === undefined) {
    ctx.error("#edit takes an item number and the new text, e.g. '#edit 5 the corrected text'");
    return;
  }
  if (target === undefined) {
    ctx.error(`there is no item ${m[1] ?? ''} in this meeting's minutes`);
    return;
  }
  const edited: Item = { ...target, text: m[2] };
  ctx.update({ items: logOf(items.map((i) => (i === target ? edited : i))) });
  // The item is named once (`Item A1 now reads: #action …`), not again inside its text.
  ctx.reply(`Item ${target.ref ?? target.id} now reads: #${commandOfKind(edited.kind)} ${edited.text}`);
}

/** An admin takes over a meeting whose chairs are gone: they become its owner; the old owner stays a chair. */
export function takeover(ctx: CommandContext): void {
  const old = ctx.m.owner;
  const chairs = ctx.m.chairs.filter((c) => !sameNick(c, ctx.nick) && !sameNick(c, old));
  ctx.update({ owner: ctx.nick, ownerAccount: ctx.account, chairs: [...chairs, old] });
  ctx.reply(`${ctx.nick} takes over the meeting from ${old}.`);
}
